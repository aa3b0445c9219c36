import { Test } from '@nestjs/testing';
import { SpotgoModule } from './spotgo.module.js';
import { SpotgoProvider } from './spotgo.provider.js';

describe('SpotgoModule', () => {
  it('provides and exports the SpotGo provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [SpotgoModule] }).compile();

    const provider = moduleRef.get(SpotgoProvider);

    expect(provider).toBeInstanceOf(SpotgoProvider);
    expect(provider.code).toBe('spotgo');
    expect(provider.capabilities).toStrictEqual({ poll: true, webhooks: true, dispatch: true, documents: true });
    await moduleRef.close();
  });
});
