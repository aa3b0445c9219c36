import { Logger } from '@nestjs/common';
import type { Connection } from '@waybill/provider-kit';
import { createTrailflowSandbox, SANDBOX_ALL_SCOPES } from '@waybill/sandbox';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';

export interface ResolvedConnections {
  connections: Connection[];
  /** Called once HTTP is served (the sandbox subscribes its webhooks to it). */
  afterStart?: (hubUrl: string | undefined) => Promise<void>;
  close(): Promise<void>;
}

export const TRAILFLOW_DEFAULT_CONNECTION = 'trailflow-default';

/**
 * The connections of this deployment: one default connection per configured provider (ARCHITECTURE.md,
 * Configuration). With no provider configured at all, the sandbox simulators run in-process and the hub connects
 * to them, so `npm start` shows real data with nothing else installed.
 */
export async function resolveConnections(config: AppConfig): Promise<ResolvedConnections> {
  const logger = new Logger('Connections');
  if (!config.sandbox) {
    const connections: Connection[] = [];
    if (config.trailflow) {
      connections.push({
        id: TRAILFLOW_DEFAULT_CONNECTION,
        provider: 'trailflow',
        baseUrl: config.trailflow.baseUrl,
        credentials: { apiKey: config.trailflow.apiKey },
        webhookSecrets: config.trailflow.webhookSecret ? config.trailflow.webhookSecret.split(',').map((s) => s.trim()).filter(Boolean) : [],
        settings: { pollIntervalSeconds: config.trailflow.pollIntervalSeconds },
      });
    }
    return { connections, close: async () => undefined };
  }

  const apiKey = `tf_sandbox_${randomBytes(12).toString('hex')}`;
  const sandbox = createTrailflowSandbox({
    loads: config.sandboxLoads,
    keys: [{ key: apiKey, scopes: SANDBOX_ALL_SCOPES, ratePerMinute: 100_000 }],
  });
  const url = await sandbox.listen(0, '127.0.0.1');
  logger.warn(`No provider configured: running the sandbox simulators in-process (TrailFlow sandbox at ${url}, ${config.sandboxLoads} loads)`);
  const trailflow: Connection = {
    id: TRAILFLOW_DEFAULT_CONNECTION,
    provider: 'trailflow',
    baseUrl: url,
    credentials: { apiKey },
    webhookSecrets: [],
    settings: { pollIntervalSeconds: 15 },
  };
  let ticker: NodeJS.Timeout | undefined;
  return {
    connections: [trailflow],
    afterStart: async (hubUrl) => {
      if (hubUrl) {
        // The secret exists only once the subscription does, after the hub listens; the connection object is the
        // registry's own, so the webhook verifier sees it from here on.
        const sub = sandbox.subscribe(`${hubUrl}/webhooks/trailflow/${TRAILFLOW_DEFAULT_CONNECTION}`, [
          'load.created',
          'load.updated',
          'load.status_changed',
        ]);
        trailflow.webhookSecrets = [sub.signingSecret];
      }
      if (config.sandboxTickSeconds > 0) {
        ticker = setInterval(() => sandbox.advance(5 * 60_000, { changes: 3 }), config.sandboxTickSeconds * 1000);
        ticker.unref();
      }
    },
    close: async () => {
      if (ticker) clearInterval(ticker);
      await sandbox.close();
    },
  };
}
