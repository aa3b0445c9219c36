import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandError } from './command-error.js';
import { requestHash } from './request-hash.js';
import { IdempotencyKeyRepository } from '@waybill/store';

export type IdempotencyStart = { kind: 'execute' } | { kind: 'replay'; status: number; body: unknown };

export interface IdempotencyOptions {
  /** How long a request waits for another one holding the same key before `409 idempotency_in_progress`. */
  waitMs: number;
  pollMs: number;
  /** A claim older than this whose request never finished (its process died) is taken over. */
  staleAfterMs: number;
}

export const IDEMPOTENCY_DEFAULTS: IdempotencyOptions = { waitMs: 10_000, pollMs: 25, staleAfterMs: 120_000 };
export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');
/** Keys are kept at least 24 h (ARCHITECTURE.md). */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * Stripe-style idempotency keys for API writes (STYLE.md): the key is claimed atomically (INSERT … ON CONFLICT),
 * scoped to the API key; the request hash refuses the key with another body (`409 idempotency_conflict`); the
 * answer is stored and replayed. A request arriving while another with the same key runs WAITS for it (up to
 * `waitMs`) and replays its answer, so concurrent retries all get the one result; past the wait it is
 * `409 idempotency_in_progress`. Answers below 500 are stored (a refusal is an answer); a 5xx releases the key.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyKeyRepository,
    @Optional() @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions = IDEMPOTENCY_DEFAULTS,
  ) {}

  async begin(apiKeyId: string, key: string, method: string, path: string, body: unknown): Promise<IdempotencyStart> {
    if (!KEY_PATTERN.test(key)) throw CommandError.validation('Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    const hash = requestHash(method, path, body);
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const claim = await this.keys.claim(apiKeyId, key, method, path, hash, this.options.staleAfterMs);
      if (claim.claimed) return { kind: 'execute' };
      const existing = claim.existing;
      if (existing.requestHash !== hash) {
        throw new CommandError(409, 'idempotency_conflict', 'this Idempotency-Key was used with another request (method, path or body)');
      }
      if (existing.status === 'completed') return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
      if (Date.now() >= deadline) {
        throw new CommandError(409, 'idempotency_in_progress', 'a request with this Idempotency-Key is still being processed; retry later');
      }
      await new Promise((r) => setTimeout(r, this.options.pollMs));
    }
  }

  async complete(apiKeyId: string, key: string, status: number, body: unknown): Promise<void> {
    if (status >= 500) return this.keys.release(apiKeyId, key);
    await this.keys.complete(apiKeyId, key, status, body);
  }

  async release(apiKeyId: string, key: string): Promise<void> {
    await this.keys.release(apiKeyId, key);
  }

  async cleanup(olderThanMs = IDEMPOTENCY_RETENTION_MS): Promise<number> {
    return this.keys.deleteOlderThan(olderThanMs);
  }
}
