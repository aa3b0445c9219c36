import { ConnectionRegistry, ProviderRegistry, type Connection, type FreightProvider } from '@waybill/provider-kit';
import type { DocumentQueryRepository, MergeService } from '@waybill/store';
import { DocumentReviewService } from './document-review.service.js';
import type { DocumentSourceRepository } from '@waybill/store';

const CONN: Connection = { id: 'cp-1', provider: 'carrierpacket', baseUrl: 'http://x', credentials: {}, webhookSecrets: [], settings: {} };
const DOC = { id: 'doc-1', provider: 'carrierpacket', connectionId: 'cp-1', externalId: 'd9', ownerKind: 'carrier', ownerExternalId: 'c1', rawStatus: 'IN_REVIEW' };

function sut(opts: { review?: boolean; canReview?: boolean; submitError?: Error } = {}) {
  const calls: unknown[] = [];
  const merged: unknown[] = [];
  const provider = {
    code: 'carrierpacket',
    capabilities: { poll: true, webhooks: true, dispatch: false, documents: true },
    map: (r: { externalId: string }) => ({ kind: 'document', externalId: r.externalId, providerUpdatedAt: null, patch: {} }),
    commands: {
      dispatch: async () => { throw new Error('unused'); },
      ...(opts.review === false ? {} : {
        review: {
          canReview: () => opts.canReview ?? true,
          submit: async (...args: unknown[]) => {
            calls.push(args);
            if (opts.submitError) throw opts.submitError;
            return [{ kind: 'document', externalId: 'd9', providerUpdatedAt: null, raw: { id: 'd9', status: 'ACCEPTED' } }];
          },
        },
      }),
    },
  } as unknown as FreightProvider;
  const service = new DocumentReviewService(
    { find: async (id: string) => (id === 'doc-1' ? DOC : null) } as unknown as DocumentSourceRepository,
    { get: async (id: string) => ({ id, status: 'ACCEPTED' }) } as unknown as DocumentQueryRepository,
    new ProviderRegistry([provider]),
    new ConnectionRegistry([CONN]),
    { merge: async (items: unknown[]) => void merged.push(...items) } as unknown as MergeService,
  );
  return { service, calls, merged };
}

describe('DocumentReviewService', () => {
  it('submits the review and merges the answer records (via command)', async () => {
    const { service, calls, merged } = sut();
    expect(await service.review('doc-1', 'ACCEPTED', null)).toMatchObject({ id: 'doc-1', status: 'ACCEPTED' });
    expect(calls).toStrictEqual([[CONN, { externalId: 'd9', ownerExternalId: 'c1' }, 'ACCEPTED', null]]);
    expect(merged).toMatchObject([{ provider: 'carrierpacket', connectionId: 'cp-1', via: 'command', mapped: { kind: 'document', externalId: 'd9' } }]);
  });

  it('refuses with 409 invalid_state before any call when canReview says no', async () => {
    const { service, calls } = sut({ canReview: false });
    await expect(service.review('doc-1', 'REJECTED', 'blurry')).rejects.toMatchObject({ status: 409, code: 'invalid_state' });
    expect(calls).toHaveLength(0);
  });

  it('answers 422 provider_rejected for a provider without review, 404 for an unknown document', async () => {
    await expect(sut({ review: false }).service.review('doc-1', 'ACCEPTED', null)).rejects.toMatchObject({ status: 422, code: 'provider_rejected' });
    await expect(sut().service.review('nope', 'ACCEPTED', null)).rejects.toMatchObject({ status: 404 });
  });
});
