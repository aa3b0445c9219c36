import { Module } from '@nestjs/common';
import { CargamosProvider } from './cargamos.provider.js';

/**
 * Registers the Cargamos adapter. `FREIGHT_PROVIDERS` is gathered once by the app module (Nest has no multi
 * providers, see provider-kit's provider-registry.ts), which imports this module through the registry line.
 */
@Module({
  providers: [CargamosProvider],
  exports: [CargamosProvider],
})
export class CargamosModule {}
