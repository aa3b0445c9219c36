import type { Connection } from '@waybill/provider-kit';
import { cargamosSandbox } from './cargamos.sandbox-definition.js';
import { bearer, login, sampleOrder, send, startHookReceiver } from './testing/cargamos-test-kit.js';

describe('cargamosSandbox (SandboxDefinition)', () => {
  it('starts in-process with per-run credentials and URL token, and subscribes <webhookUrl>?token=<token> for every state', async () => {
    const running = await cargamosSandbox.start({ tickSeconds: 0 });
    const hub = await startHookReceiver();
    try {
      const { baseUrl, credentials, webhookSecrets } = running.connection;
      expect(credentials).toEqual({ username: expect.stringContaining('@'), password: expect.any(String), key: expect.stringMatching(/^cgm_sandbox_/) });
      expect(webhookSecrets).toHaveLength(1);
      const token = webhookSecrets![0];
      const connection: Connection = { id: 'cargamos-default', provider: 'cargamos', baseUrl, credentials, webhookSecrets: [...webhookSecrets!], settings: {} };
      const hubUrl = hub.url.split('?')[0];
      await running.afterStart(hubUrl, connection);
      expect(connection.webhookSecrets).toEqual([token]);

      const access = await login(baseUrl, credentials as never);
      const now = Date.now();
      const res = await send(baseUrl, 'POST', '/v1/shipments', { headers: bearer(access), body: sampleOrder(now, { shipperTrackingId: 'DEF-1' }) });
      expect(res.status).toBe(200);
      for (let i = 0; i < 50 && hub.received.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(hub.received).toHaveLength(1);
      expect(hub.received[0].path).toBe(`/webhooks/cargamos/cargamos-default?token=${token}`);
      expect(JSON.parse(hub.received[0].rawBody)).toEqual({ state: 'CREATED', label_id: 'DEF-1', anomalies: {} });
    } finally {
      await running.close();
      await hub.close();
    }
  });
});
