import { type DynamicModule, Global, Module } from '@nestjs/common';
import { FREIGHT_PROVIDERS, type FreightProvider, ProviderRegistry, type RegisteredProvider } from '@waybill/provider-kit';

/**
 * The provider registry, built at start from the registry lines (src/providers.registry.ts): each provider's module
 * is imported and its FreightProvider gathered. A duplicate code fails the start.
 */
@Global()
@Module({})
export class ProvidersModule {
  static forRoot(providers: RegisteredProvider[]): DynamicModule {
    return {
      module: ProvidersModule,
      imports: providers.map((p) => p.definition.module),
      providers: [
        {
          provide: FREIGHT_PROVIDERS,
          useFactory: (...instances: FreightProvider[]) => instances,
          inject: providers.map((p) => p.definition.provider),
        },
        ProviderRegistry,
      ],
      exports: [ProviderRegistry],
    };
  }
}
