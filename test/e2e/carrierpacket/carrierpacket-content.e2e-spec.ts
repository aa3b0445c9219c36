import { CP_KEY, startCarrierpacketHub, type CarrierpacketHub } from '../../support/carrierpacket-hub.js';
import { TEST_ADMIN_KEY } from '../../support/test-config.js';

// Issue "The kit grows up": GET /v1/documents/{id}/content streams a document's bytes where its provider offers them.
// CarrierPacket lists file streaming under "What's coming": the capability is off unless the connection turns it on,
// and then the hub answers 409 content_unavailable.

const ENGINE = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

async function documentIds(hub: CarrierpacketHub): Promise<{ id: string; externalId: string }[]> {
  return (await hub.dataSource.query(`SELECT id, external_id AS "externalId" FROM documents ORDER BY external_id LIMIT 3`)) as { id: string; externalId: string }[];
}

describe(`CarrierPacket document content through the hub (${ENGINE})`, () => {
  it('streams the bytes the provider serves, with its content type and file name, when the connection turns it on', async () => {
    const hub = await startCarrierpacketHub({ sandbox: { submissions: 10, fileStreaming: true }, settings: { fileStreaming: true } });
    try {
      await hub.syncNow();
      const docs = await documentIds(hub);
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        const fromHub = await fetch(`${hub.app.url}/v1/documents/${doc.id}/content`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
        const fromProvider = await fetch(`${hub.sandbox.url}/documents/${doc.externalId}/file`, { headers: { authorization: `Bearer ${CP_KEY}` } });
        expect(fromHub.status).toBe(200);
        expect(fromHub.headers.get('content-type')).toBe(fromProvider.headers.get('content-type'));
        expect(fromHub.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
        expect(Buffer.from(await fromHub.arrayBuffer()).equals(Buffer.from(await fromProvider.arrayBuffer()))).toBe(true);
      }
    } finally {
      await hub.close();
    }
  });

  it('answers 409 content_unavailable while the capability is off, and 404 for an unknown id', async () => {
    const hub = await startCarrierpacketHub({ sandbox: { submissions: 5 } });
    try {
      await hub.syncNow();
      const [doc] = await documentIds(hub);
      const off = await hub.api(`/v1/documents/${doc!.id}/content`);
      expect(off.status).toBe(409);
      expect(off.body.error.code).toBe('content_unavailable');
      const unknown = await hub.api('/v1/documents/00000000-0000-4000-8000-000000000000/content');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
    } finally {
      await hub.close();
    }
  });
});
