import { Test } from '@nestjs/testing';
import { CarrierpacketModule } from './carrierpacket.module.js';
import { CarrierpacketProvider } from './carrierpacket.provider.js';

describe('CarrierpacketModule', () => {
  it('provides and exports the CarrierPacket provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CarrierpacketModule] }).compile();

    const provider = moduleRef.get(CarrierpacketProvider);

    expect(provider).toBeInstanceOf(CarrierpacketProvider);
    expect(provider.code).toBe('carrierpacket');
    expect(provider.capabilities).toStrictEqual({ poll: true, webhooks: true, dispatch: false, documents: true });
    await moduleRef.close();
  });
});
