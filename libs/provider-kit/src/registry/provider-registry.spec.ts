import { Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { ProviderCode } from '@waybill/canonical';
import type { FreightProvider } from '../freight-provider.js';
import { FREIGHT_PROVIDERS, ProviderRegistry } from './provider-registry.js';

function providerStub(code: ProviderCode): FreightProvider {
  return {
    code,
    capabilities: { poll: true, webhooks: false, dispatch: false, documents: false },
    fetchChanges: async () => ({ records: [], next: {}, done: true }),
    map: () => {
      throw new Error('not used here');
    },
  };
}

describe('ProviderRegistry', () => {
  const trailflow = providerStub('trailflow');
  const spotgo = providerStub('spotgo');

  it('finds providers by code and lists them in registration order', () => {
    const sut = new ProviderRegistry([trailflow, spotgo]);
    expect(sut.get('spotgo')).toBe(spotgo);
    expect(sut.find('trailflow')).toBe(trailflow);
    expect(sut.list()).toEqual([trailflow, spotgo]);
  });

  it('fails on a duplicate code, naming it', () => {
    expect(() => new ProviderRegistry([trailflow, spotgo, providerStub('trailflow')])).toThrow(
      new Error("duplicate provider code 'trailflow'"),
    );
  });

  it('get throws a plain Error naming an unknown code; find returns undefined', () => {
    const sut = new ProviderRegistry([trailflow]);
    expect(() => sut.get('cargamos')).toThrow(new Error('unknown provider cargamos'));
    expect(sut.find('cargamos')).toBeUndefined();
  });

  it('an empty registry is allowed (every provider unconfigured)', () => {
    expect(new ProviderRegistry([]).list()).toEqual([]);
  });

  it('is built by Nest from the FREIGHT_PROVIDERS token', async () => {
    class TrailflowStub {}
    @Module({
      providers: [
        { provide: TrailflowStub, useValue: trailflow },
        { provide: FREIGHT_PROVIDERS, useFactory: (...ps: FreightProvider[]) => ps, inject: [TrailflowStub] },
        ProviderRegistry,
      ],
    })
    class RegistryTestModule {}
    const moduleRef = await Test.createTestingModule({ imports: [RegistryTestModule] }).compile();
    expect(moduleRef.get(ProviderRegistry).get('trailflow')).toBe(trailflow);
    await moduleRef.close();
  });
});
