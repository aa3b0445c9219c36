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

/** A lease outlives a page by far; a killed worker's lease expires after this and another worker resumes. */
export const LEASE_TTL_MS = 60_000;
