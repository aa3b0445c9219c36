import { Module } from '@nestjs/common';
import { CarrierpacketProvider } from './carrierpacket.provider.js';

/**
 * Registers the CarrierPacket adapter. `FREIGHT_PROVIDERS` is gathered once by the app module (Nest has no multi
 * providers, see provider-kit's provider-registry.ts), which imports this module through the registry line.
 */
@Module({
  providers: [CarrierpacketProvider],
  exports: [CarrierpacketProvider],
})
export class CarrierpacketModule {}
