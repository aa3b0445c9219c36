import { createHash } from 'node:crypto';

/**
 * Idempotency-Key handling of FACTS §2 and README assumption 10: the same key with the same request replays the first
 * answer; with another request it is `idempotency_conflict`; while the first is still running it is
 * `idempotency_in_progress`. Keys are scoped per API key. Only successful answers are stored, so a request that failed
 * (validation, not found, injected 500) can be retried with the same key.
 */
export interface StoredAnswer {
  statusCode: number;
  body: Record<string, unknown>;
}

export type IdempotencyOutcome =
  | { kind: 'new'; complete(answer: StoredAnswer): void; release(): void }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'conflict' }
  | { kind: 'in_progress' };

interface Entry {
  fingerprint: string;
  answer: StoredAnswer | null;
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${stableStringify(body)}`).digest('hex');
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  begin(apiKey: string, idempotencyKey: string, fingerprint: string): IdempotencyOutcome {
    const slot = `${apiKey}\u0000${idempotencyKey}`;
    const existing = this.entries.get(slot);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { kind: 'conflict' };
      if (existing.answer === null) return { kind: 'in_progress' };
      return { kind: 'replay', answer: existing.answer };
    }
    const entry: Entry = { fingerprint, answer: null };
    this.entries.set(slot, entry);
    return {
      kind: 'new',
      complete: (answer) => {
        entry.answer = structuredClone(answer);
      },
      release: () => {
        this.entries.delete(slot);
      },
    };
  }

  clear(): void {
    this.entries.clear();
  }
}
