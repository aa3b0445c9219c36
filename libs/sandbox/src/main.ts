/**
 * Standalone TrailFlow sandbox (`npm run sandbox`). Environment: SANDBOX_PORT (4010), SANDBOX_HOST (127.0.0.1),
 * SANDBOX_LOADS (200), SANDBOX_SEED (1), SANDBOX_API_KEY (tf_test_sandbox, all scopes), SANDBOX_RATE_PER_MINUTE (60),
 * SANDBOX_WEBHOOK_DELAY_SCALE (1). A bad value stops the start with a message that names the variable.
 */
import { envReader, runStandalone } from './shared/standalone-entry.js';
import { DEFAULT_SANDBOX_KEY, SANDBOX_ALL_SCOPES, createTrailflowSandbox } from './index.js';

// TrailFlow's variables have no provider in their names (the first sandbox; `npm run sandbox` predates the others).
const env = envReader('SANDBOX_', { signedIntegers: true });

runStandalone('TrailFlow', async () => {
  const port = env.int('PORT', 4010, 0, 65_535);
  const loads = env.int('LOADS', 200, 0, 1_000_000);
  const seed = env.int('SEED', 1, 0, 2 ** 32 - 1);
  const ratePerMinute = env.int('RATE_PER_MINUTE', 60, 1, 1_000_000);
  const webhookDelayScale = env.number('WEBHOOK_DELAY_SCALE', 1);
  const key = env.text('API_KEY', DEFAULT_SANDBOX_KEY);
  const host = env.text('HOST', '127.0.0.1');

  const sandbox = createTrailflowSandbox({ seed, loads, webhookDelayScale, keys: [{ key, scopes: SANDBOX_ALL_SCOPES, ratePerMinute }] });
  const url = await sandbox.listen(port, host);
  // A sandbox-only key, printed on purpose so that a developer can paste it into TRAILFLOW_API_KEY.
  console.log(`TrailFlow sandbox listening on ${url}`);
  console.log(`  TRAILFLOW_BASE_URL=${url} TRAILFLOW_API_KEY=${key}`);
  console.log(`  ${loads} loads, seed ${seed}, ${ratePerMinute} requests/min; control routes under ${url}/_sandbox (see libs/sandbox/README.md)`);
  return sandbox;
});
