// Providers are found by code, never by a `switch (provider)` (STYLE.md, Twenty: "Avoid a switch repeated in every
// service"): adding a provider adds one registry line (src/providers.registry.ts) and touches nothing else.
import { Inject, Injectable } from '@nestjs/common';
import type { FreightProvider } from '../freight-provider.js';

/**
 * Injection token for the list of all FreightProviders. Nest has no `multi: true`, so ProvidersModule.forRoot gathers
 * them from the registry lines: `{ provide: FREIGHT_PROVIDERS, useFactory: (...ps) => ps, inject: [each provider class] }`.
 */
export const FREIGHT_PROVIDERS = Symbol('FREIGHT_PROVIDERS');

@Injectable()
export class ProviderRegistry {
  private readonly byCode: ReadonlyMap<string, FreightProvider>;

  constructor(@Inject(FREIGHT_PROVIDERS) providers: FreightProvider[]) {
    const byCode = new Map<string, FreightProvider>();
    for (const provider of providers) {
      // Two registrations under one code would make webhooks and polls go to whichever came last.
      if (byCode.has(provider.code)) throw new Error(`duplicate provider code '${provider.code}'`);
      byCode.set(provider.code, provider);
    }
    this.byCode = byCode;
  }

  /** For codes that come from configuration or our own data, where an unknown code is a bug. */
  get(code: string): FreightProvider {
    const provider = this.byCode.get(code);
    if (!provider) throw new Error(`unknown provider ${code}`);
    return provider;
  }

  /** For codes that come from outside (a webhook URL), where unknown is an answer, not a bug. */
  find(code: string): FreightProvider | undefined {
    return this.byCode.get(code);
  }

  list(): FreightProvider[] {
    return [...this.byCode.values()];
  }
}
