/**
 * Standalone TrailFlow sandbox (`npm run sandbox`). Environment: SANDBOX_PORT (4010), SANDBOX_HOST (127.0.0.1),
 * SANDBOX_LOADS (200), SANDBOX_SEED (1), SANDBOX_API_KEY (tf_test_sandbox, all scopes), SANDBOX_RATE_PER_MINUTE (60),
 * SANDBOX_WEBHOOK_DELAY_SCALE (1). A bad value stops the start with a message that names the variable.
 */
import { DEFAULT_SANDBOX_KEY, SANDBOX_ALL_SCOPES, createTrailflowSandbox } from './index.js';
function intEnv(name, fallback, min, max) {
    const raw = process.env[name];
    if (raw === undefined || raw === '')
        return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || n < min || n > max)
        throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return n;
}
function numberEnv(name, fallback) {
    const raw = process.env[name];
    if (raw === undefined || raw === '')
        return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
        throw new Error(`${name} must be a non-negative number (got "${raw}")`);
    return n;
}
async function main() {
    const port = intEnv('SANDBOX_PORT', 4010, 0, 65_535);
    const loads = intEnv('SANDBOX_LOADS', 200, 0, 1_000_000);
    const seed = intEnv('SANDBOX_SEED', 1, 0, 2 ** 32 - 1);
    const ratePerMinute = intEnv('SANDBOX_RATE_PER_MINUTE', 60, 1, 1_000_000);
    const webhookDelayScale = numberEnv('SANDBOX_WEBHOOK_DELAY_SCALE', 1);
    const key = process.env.SANDBOX_API_KEY || DEFAULT_SANDBOX_KEY;
    const host = process.env.SANDBOX_HOST || '127.0.0.1';
    const sandbox = createTrailflowSandbox({ seed, loads, webhookDelayScale, keys: [{ key, scopes: SANDBOX_ALL_SCOPES, ratePerMinute }] });
    const url = await sandbox.listen(port, host);
    // A sandbox-only key, printed on purpose so that a developer can paste it into TRAILFLOW_API_KEY.
    console.log(`TrailFlow sandbox listening on ${url}`);
    console.log(`  TRAILFLOW_BASE_URL=${url} TRAILFLOW_API_KEY=${key}`);
    console.log(`  ${loads} loads, seed ${seed}, ${ratePerMinute} requests/min; control routes under ${url}/_sandbox (see libs/sandbox/README.md)`);
    const stop = () => {
        sandbox.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}
main().catch((err) => {
    console.error(`TrailFlow sandbox did not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
});
