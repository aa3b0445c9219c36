import { Test } from '@nestjs/testing';
import { TrailflowModule } from './trailflow.module.js';
import { TrailflowProvider } from './trailflow.provider.js';

describe('TrailflowModule', () => {
  it('provides and exports the TrailFlow provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [TrailflowModule] }).compile();

    const provider = moduleRef.get(TrailflowProvider);

    expect(provider).toBeInstanceOf(TrailflowProvider);
    expect(provider.code).toBe('trailflow');
    expect(provider.capabilities).toStrictEqual({ poll: true, webhooks: true, dispatch: true, documents: false });
    await moduleRef.close();
  });
});
