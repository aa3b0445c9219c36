import { Logger } from '@nestjs/common';
import { type Connection, defaultConnectionId, type RegisteredProvider, type RunningSandbox } from '@waybill/provider-kit';
import type { AppConfig } from '../config/app-config.js';
import { PROVIDERS } from '../providers.registry.js';

export interface ResolvedConnections {
  connections: Connection[];
  /** Called once HTTP is served (the sandboxes subscribe their webhooks to it). */
  afterStart?: (hubUrl: string | undefined) => Promise<void>;
  close(): Promise<void>;
}

/**
 * The connections of this deployment: one default connection per configured provider (ARCHITECTURE.md,
 * Configuration). With no provider configured at all, every registered provider's sandbox simulator runs in-process
 * and the hub connects to it, so `npm start` shows real data with nothing else installed.
 */
export async function resolveConnections(config: AppConfig, providers: RegisteredProvider[] = PROVIDERS): Promise<ResolvedConnections> {
  if (!config.sandbox) return { connections: config.connections, close: async () => undefined };

  const logger = new Logger('Connections');
  const running: { sandbox: RunningSandbox; connection: Connection }[] = [];
  try {
    for (const { definition, sandbox } of providers) {
      if (!sandbox) continue;
      const started = await sandbox.start({ tickSeconds: config.sandboxTickSeconds, size: config.sandboxSizes[definition.code] });
      const connection: Connection = {
        id: defaultConnectionId(definition.code),
        provider: definition.code,
        ...started.connection,
        webhookSecrets: [...(started.connection.webhookSecrets ?? [])],
      };
      running.push({ sandbox: started, connection });
    }
  } catch (e) {
    await Promise.all(running.map((r) => r.sandbox.close()));
    throw e;
  }
  logger.warn(`No provider configured: running the sandbox simulators in-process (${running.map((r) => r.sandbox.description).join('; ')})`);
  return {
    connections: running.map((r) => r.connection),
    afterStart: async (hubUrl) => {
      for (const { sandbox, connection } of running) {
        // The connection object is the registry's own, so secrets added here reach the webhook verifier.
        await sandbox.afterStart(hubUrl ? `${hubUrl}/webhooks/${connection.provider}/${connection.id}` : undefined, connection);
      }
    },
    close: async () => {
      await Promise.all(running.map((r) => r.sandbox.close()));
    },
  };
}
