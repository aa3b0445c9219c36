import { ApiError } from './api-errors.js';
import { requestFingerprint } from './idempotency.js';
import { contextOf, delay } from './request-guard.js';
/**
 * Runs a write under its Idempotency-Key (FACTS §2, README assumption 10). The body is already validated; `execute`
 * changes state and returns the answer. A slow-answer fault waits after the key is reserved, which is how a client
 * retrying too early meets `idempotency_in_progress`.
 */
export async function idempotentWrite(state, request, reply, execute) {
    const ctx = contextOf(request);
    const key = String(request.headers['idempotency-key']);
    const fingerprint = requestFingerprint(request.method, request.url.split('?')[0], request.body ?? null);
    const outcome = state.idempotency.begin(ctx.apiKey, key, fingerprint);
    switch (outcome.kind) {
        case 'conflict':
            throw new ApiError(409, 'idempotency_conflict', 'Idempotency-Key was reused with a different payload');
        case 'in_progress':
            throw new ApiError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed');
        case 'replay':
            return reply.code(outcome.answer.statusCode).header('idempotent-replayed', 'true').send(structuredClone(outcome.answer.body));
    }
    try {
        if (ctx.faults.delayMs > 0)
            await delay(ctx.faults.delayMs);
        const answer = execute();
        outcome.complete(answer);
        return reply.code(answer.statusCode).send(answer.body);
    }
    catch (err) {
        outcome.release();
        throw err;
    }
}
