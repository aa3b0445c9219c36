import { Test } from '@nestjs/testing';
import { CargamosModule } from './cargamos.module.js';
import { CargamosProvider } from './cargamos.provider.js';

describe('CargamosModule', () => {
  it('provides and exports the Cargamos provider', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CargamosModule] }).compile();
    const provider = moduleRef.get(CargamosProvider);
    expect(provider).toBeInstanceOf(CargamosProvider);
    expect(provider.code).toBe('cargamos');
    expect(provider.capabilities).toStrictEqual({ poll: true, webhooks: true, dispatch: true, documents: false });
    expect(provider.commands?.cancel).toBeUndefined();
    await moduleRef.close();
  });
});
