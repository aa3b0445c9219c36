/**
 * Standalone SpotGo sandbox: `npm run build && node dist/libs/sandbox/src/spotgo/main.js`.
 * Environment: SPOTGO_SANDBOX_PORT (4030), SPOTGO_SANDBOX_HOST (127.0.0.1), SPOTGO_SANDBOX_ORDERS (50),
 * SPOTGO_SANDBOX_SEED (1), SPOTGO_SANDBOX_API_KEY (sg_test_sandbox), SPOTGO_SANDBOX_WORKFLOW (A), SPOTGO_SANDBOX_RATE_LIMIT
 * (100 per key per minute). A bad value stops the start with a message that names the variable. The clock starts at the
 * default fixed instant, so the data is the same on every start; /_sandbox moves it.
 */
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import { createSpotgoSandbox } from './spotgo-sandbox.js';

const PREFIX = 'SPOTGO_SANDBOX_';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[PREFIX + name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${PREFIX}${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

async function main(): Promise<void> {
  const port = intEnv('PORT', 4030, 0, 65_535);
  const orders = intEnv('ORDERS', 50, 0, 1_000_000);
  const seed = intEnv('SEED', 1, 0, 2 ** 32 - 1);
  const rateLimit = intEnv('RATE_LIMIT', 100, 1, 1_000_000);
  const key = process.env[`${PREFIX}API_KEY`] || DEFAULT_SPOTGO_KEY;
  const host = process.env[`${PREFIX}HOST`] || '127.0.0.1';
  const workflow = process.env[`${PREFIX}WORKFLOW`] || 'A';
  if (workflow !== 'A' && workflow !== 'B') throw new Error(`${PREFIX}WORKFLOW must be A or B (got "${workflow}")`);

  const sandbox = createSpotgoSandbox({ seed, orders, rateLimit, workflow, keys: [{ key }] });
  const url = await sandbox.listen(port, host);
  // A sandbox-only key, printed on purpose so that a developer can paste it into SPOTGO_API_KEY.
  console.log(`SpotGo sandbox listening on ${url} (API under ${url}/api/v1)`);
  console.log(`  SPOTGO_BASE_URL=${url} SPOTGO_API_KEY=${key}`);
  console.log(`  ${orders} orders, seed ${seed}, workflow ${workflow}, ${rateLimit} requests/min; control routes under ${url}/_sandbox (see libs/sandbox/README.md)`);

  const stop = () => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`SpotGo sandbox did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
