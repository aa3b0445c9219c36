import type { Role } from './environment.js';
import { validateEnvironment } from './environment.js';

export interface TrailflowConnectionConfig {
  baseUrl: string;
  apiKey: string;
  webhookSecret?: string;
  pollIntervalSeconds: number;
}

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
  trailflow?: TrailflowConnectionConfig;
  /** True when no provider is configured: the sandbox simulators run in-process. */
  sandbox: boolean;
  sandboxLoads: number;
  sandboxTickSeconds: number;
}

const PROVIDER_URL_VARS = ['TRAILFLOW_BASE_URL', 'SPOTGO_BASE_URL', 'CARRIERPACKET_BASE_URL', 'CARGAMOS_BASE_URL'] as const;

export function loadAppConfig(raw: Record<string, string | undefined> = process.env): AppConfig {
  const env = validateEnvironment(raw);
  const sandbox = PROVIDER_URL_VARS.every((name) => !env[name]);
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
    trailflow: env.TRAILFLOW_BASE_URL
      ? {
          baseUrl: env.TRAILFLOW_BASE_URL,
          apiKey: env.TRAILFLOW_API_KEY ?? '',
          webhookSecret: env.TRAILFLOW_WEBHOOK_SECRET,
          pollIntervalSeconds: env.TRAILFLOW_POLL_INTERVAL_SECONDS ?? 60,
        }
      : undefined,
    sandbox,
    sandboxLoads: env.SANDBOX_LOADS ?? 200,
    sandboxTickSeconds: env.SANDBOX_TICK_SECONDS ?? 20,
  };
}
