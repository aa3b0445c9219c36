import { createHash } from 'node:crypto';
/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
function stableStringify(value) {
    if (Array.isArray(value))
        return `[${value.map(stableStringify).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.keys(value)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`);
        return `{${entries.join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
export function requestFingerprint(method, path, body) {
    return createHash('sha256').update(`${method} ${path}\n${stableStringify(body)}`).digest('hex');
}
export class IdempotencyStore {
    entries = new Map();
    begin(apiKey, idempotencyKey, fingerprint) {
        const slot = `${apiKey}\u0000${idempotencyKey}`;
        const existing = this.entries.get(slot);
        if (existing) {
            if (existing.fingerprint !== fingerprint)
                return { kind: 'conflict' };
            if (existing.answer === null)
                return { kind: 'in_progress' };
            return { kind: 'replay', answer: existing.answer };
        }
        const entry = { fingerprint, answer: null };
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
    clear() {
        this.entries.clear();
    }
}
