/**
 * Standalone SpotGo sandbox: `npm run build && node dist/libs/sandbox/src/spotgo/main.js`.
 * Environment: SPOTGO_SANDBOX_PORT (4030), SPOTGO_SANDBOX_HOST (127.0.0.1), SPOTGO_SANDBOX_ORDERS (50),
 * SPOTGO_SANDBOX_SEED (1), SPOTGO_SANDBOX_API_KEY (sg_test_sandbox), SPOTGO_SANDBOX_WORKFLOW (A), SPOTGO_SANDBOX_RATE_LIMIT
 * (100 per key per minute). A bad value stops the start with a message that names the variable. The clock starts at the
 * default fixed instant, so the data is the same on every start; /_sandbox moves it.
 */
import { envReader, runStandalone } from '../shared/standalone-entry.js';
import { DEFAULT_SPOTGO_KEY } from './spotgo-state.js';
import { createSpotgoSandbox } from './spotgo-sandbox.js';

const PREFIX = 'SPOTGO_SANDBOX_';
const env = envReader(PREFIX);

runStandalone('SpotGo', async () => {
  const port = env.int('PORT', 4030, 0, 65_535);
  const orders = env.int('ORDERS', 50, 0, 1_000_000);
  const seed = env.int('SEED', 1, 0, 2 ** 32 - 1);
  const rateLimit = env.int('RATE_LIMIT', 100, 1, 1_000_000);
  const key = env.text('API_KEY', DEFAULT_SPOTGO_KEY);
  const host = env.text('HOST', '127.0.0.1');
  const workflow = env.text('WORKFLOW', 'A');
  if (workflow !== 'A' && workflow !== 'B') throw new Error(`${PREFIX}WORKFLOW must be A or B (got "${workflow}")`);

  const sandbox = createSpotgoSandbox({ seed, orders, rateLimit, workflow, keys: [{ key }] });
  const url = await sandbox.listen(port, host);
  // A sandbox-only key, printed on purpose so that a developer can paste it into SPOTGO_API_KEY.
  console.log(`SpotGo sandbox listening on ${url} (API under ${url}/api/v1)`);
  console.log(`  SPOTGO_BASE_URL=${url} SPOTGO_API_KEY=${key}`);
  console.log(`  ${orders} orders, seed ${seed}, workflow ${workflow}, ${rateLimit} requests/min; control routes under ${url}/_sandbox (see libs/sandbox/README.md)`);
  return sandbox;
});
