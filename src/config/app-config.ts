import type { ProviderCode } from '@waybill/canonical';
import type { Connection, RegisteredProvider } from '@waybill/provider-kit';
import { PROVIDERS } from '../providers.registry.js';
import type { Role } from './environment.js';
import { checkEnvironment, environmentError } from './environment.js';
import { loadProviderConfig } from './provider-environment.js';

/** The resolved configuration the app is built from (env vars validated, defaults applied). */
export interface AppConfig {
  port: number;
  role: Role;
  databaseUrl?: string;
  dataDir: string;
  redisUrl?: string;
  /** Redis key prefix of the BullMQ queues, so several deployments can share one Redis. */
  queuePrefix: string;
  apiKey?: string;
  logLevel: string;
  syncLeaseSeconds: number;
  /** The default connection of every configured provider (`{provider}-default`), built from the registry. */
  connections: Connection[];
  /** True when no provider is configured: the sandbox simulators run in-process. */
  sandbox: boolean;
  /** Sizes of the sandboxes' generated data (`SANDBOX_LOADS`…), by provider. */
  sandboxSizes: Partial<Record<ProviderCode, number>>;
  sandboxTickSeconds: number;
}

export function loadAppConfig(raw: Record<string, string | undefined> = process.env, providers: RegisteredProvider[] = PROVIDERS): AppConfig {
  const core = checkEnvironment(raw);
  const fromProviders = loadProviderConfig(raw, providers);
  const errors = [...core.errors, ...fromProviders.errors];
  if (errors.length) throw environmentError(errors);
  const env = core.env;
  return {
    port: env.PORT ?? 3000,
    role: env.WAYBILL_ROLE ?? 'all',
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? './data',
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX ?? 'waybill',
    apiKey: env.WAYBILL_API_KEY,
    logLevel: env.LOG_LEVEL ?? 'info',
    syncLeaseSeconds: env.SYNC_LEASE_SECONDS ?? 60,
    connections: fromProviders.connections,
    // Any provider configured means production-like wiring: sandboxes only run when nothing is configured at all.
    sandbox: providers.every(({ definition }) => !raw[definition.enabledBy]?.trim()),
    sandboxSizes: fromProviders.sandboxSizes,
    sandboxTickSeconds: env.SANDBOX_TICK_SECONDS ?? 20,
  };
}
