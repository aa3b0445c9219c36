export const SYNC_QUEUE = 'sync';
export const SYNC_CONNECTION_JOB = 'sync.connection';

export interface SyncJobData {
  provider: string;
  connectionId: string;
}

/** One job id per connection: a second enqueue while one waits or runs collapses into it. */
export function syncJobId(provider: string, connectionId: string): string {
  return `sync.${provider}.${connectionId}`;
}

export interface SyncOptions {
  /** Also run the due-cron and consume sync jobs (roles worker and all). */
  worker: boolean;
  /**
   * How long a poll lease lasts without renewal (renewed with every committed page). It must outlast the slowest page;
   * it is also how long a connection stays blocked after its worker was killed.
   */
  leaseTtlMs?: number;
}

export const SYNC_OPTIONS = Symbol('SYNC_OPTIONS');
export const DEFAULT_LEASE_TTL_MS = 60_000;
