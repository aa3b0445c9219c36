import { compareByUpdate } from './cursor.js';
import { isTerminal } from './load-lifecycle.js';
import type { LoadLookups } from './load-views.js';
import type {
  LoadRecord, TrailflowCarrier, TrailflowCustomer, TrailflowDataset, TrailflowVehicle,
} from './trailflow.types.js';

/** In-memory TrailFlow state: loads and the lookups they reference, with a sorted index for paging. */
export class LoadStore implements LoadLookups {
  private readonly loads = new Map<string, LoadRecord>();
  private readonly byExternalId = new Map<string, LoadRecord>();
  private readonly customers: Map<string, TrailflowCustomer>;
  private readonly carriers: Map<string, TrailflowCarrier>;
  private readonly vehicles: Map<string, TrailflowVehicle>;
  private sorted: LoadRecord[] | null = null;
  private nextLoadNumber = 1;

  constructor(dataset: TrailflowDataset) {
    this.customers = new Map(dataset.customers.map((c) => [c.id, c]));
    this.carriers = new Map(dataset.carriers.map((c) => [c.id, c]));
    this.vehicles = new Map(dataset.vehicles.map((v) => [v.id, v]));
    for (const load of dataset.loads) this.add(load);
  }

  customer(id: string | null): TrailflowCustomer | undefined {
    return id === null ? undefined : this.customers.get(id);
  }

  carrier(id: string | null): TrailflowCarrier | undefined {
    return id === null ? undefined : this.carriers.get(id);
  }

  vehicle(id: string | null): TrailflowVehicle | undefined {
    return id === null ? undefined : this.vehicles.get(id);
  }

  customerByCode(code: string): TrailflowCustomer | undefined {
    return [...this.customers.values()].find((c) => c.customerCode === code);
  }

  carrierByName(name: string): TrailflowCarrier | undefined {
    return [...this.carriers.values()].find((c) => c.carrierName === name);
  }

  allCarriers(): TrailflowCarrier[] {
    return [...this.carriers.values()];
  }

  /** FACTS §3: `{id}` may be the TrailFlow id or the partner externalId. */
  findLoad(idOrExternalId: string): LoadRecord | undefined {
    return this.loads.get(idOrExternalId) ?? this.byExternalId.get(idOrExternalId);
  }

  findByExternalId(externalId: string): LoadRecord | undefined {
    return this.byExternalId.get(externalId);
  }

  /** Loads in creation order. */
  allLoads(): LoadRecord[] {
    return [...this.loads.values()];
  }

  nonTerminalLoads(): LoadRecord[] {
    return this.allLoads().filter((load) => !isTerminal(load.status));
  }

  sortedLoads(): readonly LoadRecord[] {
    this.sorted ??= this.allLoads().sort(compareByUpdate);
    return this.sorted;
  }

  sortedCustomers(): TrailflowCustomer[] {
    return [...this.customers.values()].sort(compareByUpdate);
  }

  sortedCarriers(): TrailflowCarrier[] {
    return [...this.carriers.values()].sort(compareByUpdate);
  }

  nextLoadId(): string {
    return `load_${this.nextLoadNumber}`;
  }

  add(load: LoadRecord): void {
    this.loads.set(load.id, load);
    if (load.externalId !== null) this.byExternalId.set(load.externalId, load);
    const n = Number(load.id.replace(/^load_/, ''));
    if (Number.isInteger(n) && n >= this.nextLoadNumber) this.nextLoadNumber = n + 1;
    this.sorted = null;
  }

  /** Call after changing a load's `updatedAt` (or anything else): the paging index is rebuilt on next use. */
  changed(): void {
    this.sorted = null;
  }
}
