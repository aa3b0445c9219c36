import { Global, Module } from '@nestjs/common';
import { FREIGHT_PROVIDERS, type FreightProvider, ProviderRegistry } from '@waybill/provider-kit';
import { TrailflowModule, TrailflowProvider } from '@waybill/providers/trailflow';

/**
 * The provider registry, built at start. Adding a provider is one import and one entry in `inject` here; a duplicate
 * code fails the start.
 */
@Global()
@Module({
  imports: [TrailflowModule],
  providers: [
    { provide: FREIGHT_PROVIDERS, useFactory: (...providers: FreightProvider[]) => providers, inject: [TrailflowProvider] },
    ProviderRegistry,
  ],
  exports: [ProviderRegistry],
})
export class ProvidersModule {}
