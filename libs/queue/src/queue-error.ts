/**
 * Misuse of the queue port. `code` is stable (callers branch on it, never on the message);
 * `field` names the argument or option that is wrong.
 */
export class QueueError extends Error {
  override readonly name = 'QueueError';
  readonly code: QueueErrorCode;
  readonly field?: string;

  constructor(code: QueueErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

export type QueueErrorCode =
  | 'queue.invalid_queue_name'
  | 'queue.unknown_queue'
  | 'queue.invalid_option'
  | 'queue.handler_exists'
  | 'queue.closed'
  | 'queue.invalid_config';
