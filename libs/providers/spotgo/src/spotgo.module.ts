import { Module } from '@nestjs/common';
import { SpotgoProvider } from './spotgo.provider.js';

/**
 * Registers the SpotGo adapter. `FREIGHT_PROVIDERS` is gathered once by the app module (Nest has no multi
 * providers, see provider-kit's provider-registry.ts), which imports this module through the registry line.
 */
@Module({
  providers: [SpotgoProvider],
  exports: [SpotgoProvider],
})
export class SpotgoModule {}
