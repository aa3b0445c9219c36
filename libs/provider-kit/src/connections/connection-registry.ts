import type { ProviderCode } from '@waybill/canonical';
import type { Connection } from '../freight-provider.js';

/**
 * The connections this deployment talks to, built once at start from configuration. Lookups are by
 * (provider, connection id): another connection's id under a provider's path is simply not found.
 */
export class ConnectionRegistry {
  private readonly byKey = new Map<string, Connection>();

  constructor(connections: Connection[]) {
    for (const c of connections) {
      const key = `${c.provider}/${c.id}`;
      if (this.byKey.has(key)) throw new Error(`duplicate connection ${key}`);
      this.byKey.set(key, c);
    }
  }

  list(provider?: ProviderCode): Connection[] {
    return [...this.byKey.values()].filter((c) => !provider || c.provider === provider);
  }

  find(provider: string, id: string): Connection | undefined {
    return this.byKey.get(`${provider}/${id}`);
  }

  /** The connection used by `/webhooks/{provider}` without a connection segment: the only one of that provider. */
  defaultFor(provider: string): Connection | undefined {
    const all = this.list(provider as ProviderCode);
    return all.length === 1 ? all[0] : undefined;
  }
}
