import { compareByUpdate } from './cursor.js';
import { isTerminal } from './load-lifecycle.js';
/** In-memory TrailFlow state: loads and the lookups they reference, with a sorted index for paging. */
export class LoadStore {
    loads = new Map();
    byExternalId = new Map();
    customers;
    carriers;
    vehicles;
    sorted = null;
    nextLoadNumber = 1;
    constructor(dataset) {
        this.customers = new Map(dataset.customers.map((c) => [c.id, c]));
        this.carriers = new Map(dataset.carriers.map((c) => [c.id, c]));
        this.vehicles = new Map(dataset.vehicles.map((v) => [v.id, v]));
        for (const load of dataset.loads)
            this.add(load);
    }
    customer(id) {
        return id === null ? undefined : this.customers.get(id);
    }
    carrier(id) {
        return id === null ? undefined : this.carriers.get(id);
    }
    vehicle(id) {
        return id === null ? undefined : this.vehicles.get(id);
    }
    customerByCode(code) {
        return [...this.customers.values()].find((c) => c.customerCode === code);
    }
    carrierByName(name) {
        return [...this.carriers.values()].find((c) => c.carrierName === name);
    }
    allCarriers() {
        return [...this.carriers.values()];
    }
    /** FACTS §3: `{id}` may be the TrailFlow id or the partner externalId. */
    findLoad(idOrExternalId) {
        return this.loads.get(idOrExternalId) ?? this.byExternalId.get(idOrExternalId);
    }
    findByExternalId(externalId) {
        return this.byExternalId.get(externalId);
    }
    /** Loads in creation order. */
    allLoads() {
        return [...this.loads.values()];
    }
    nonTerminalLoads() {
        return this.allLoads().filter((load) => !isTerminal(load.status));
    }
    sortedLoads() {
        this.sorted ??= this.allLoads().sort(compareByUpdate);
        return this.sorted;
    }
    sortedCustomers() {
        return [...this.customers.values()].sort(compareByUpdate);
    }
    sortedCarriers() {
        return [...this.carriers.values()].sort(compareByUpdate);
    }
    nextLoadId() {
        return `load_${this.nextLoadNumber}`;
    }
    add(load) {
        this.loads.set(load.id, load);
        if (load.externalId !== null)
            this.byExternalId.set(load.externalId, load);
        const n = Number(load.id.replace(/^load_/, ''));
        if (Number.isInteger(n) && n >= this.nextLoadNumber)
            this.nextLoadNumber = n + 1;
        this.sorted = null;
    }
    /** Call after changing a load's `updatedAt` (or anything else): the paging index is rebuilt on next use. */
    changed() {
        this.sorted = null;
    }
}
