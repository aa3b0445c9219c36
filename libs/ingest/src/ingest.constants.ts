export const INBOX_QUEUE = 'inbox';
export const PROCESS_INBOX_JOB = 'inbox.process';

export interface InboxJobData {
  inboxId: string;
}

export function inboxJobId(inboxId: string): string {
  return `inbox.${inboxId}`;
}

/** A delivery still unprocessed after this long has lost its job: the sweeper enqueues it again. */
export const INBOX_SWEEP_AFTER_MS = 30_000;
