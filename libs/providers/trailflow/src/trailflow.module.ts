import { Module } from '@nestjs/common';
import { TrailflowProvider } from './trailflow.provider.js';

/**
 * Registers the TrailFlow adapter. `FREIGHT_PROVIDERS` is gathered once by the app module (Nest has no multi
 * providers, see provider-kit's provider-registry.ts), which imports this module and adds TrailflowProvider to
 * the factory's `inject` list.
 */
@Module({
  providers: [TrailflowProvider],
  exports: [TrailflowProvider],
})
export class TrailflowModule {}
