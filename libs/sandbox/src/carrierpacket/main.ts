/**
 * Standalone CarrierPacket sandbox: `npm run build && node dist/libs/sandbox/src/carrierpacket/main.js`.
 * Environment: CARRIERPACKET_SANDBOX_PORT (4020), CARRIERPACKET_SANDBOX_HOST (127.0.0.1), CARRIERPACKET_SANDBOX_SUBMISSIONS
 * (200), CARRIERPACKET_SANDBOX_SEED (1), CARRIERPACKET_SANDBOX_API_KEY (cpl_test_sandbox), CARRIERPACKET_SANDBOX_TIMEZONE
 * (UTC), CARRIERPACKET_SANDBOX_FILE_STREAMING (false). A bad value stops the start with a message that names the variable.
 * The clock starts at the default fixed date, so the data is the same on every start; /_sandbox moves it.
 */
import { envReader, runStandalone } from '../shared/standalone-entry.js';
import { DEFAULT_CARRIERPACKET_KEY } from './carrierpacket-state.js';
import { createCarrierpacketSandbox } from './carrierpacket-sandbox.js';

const env = envReader('CARRIERPACKET_SANDBOX_');

runStandalone('CarrierPacket', async () => {
  const port = env.int('PORT', 4020, 0, 65_535);
  const submissions = env.int('SUBMISSIONS', 200, 0, 1_000_000);
  const seed = env.int('SEED', 1, 0, 2 ** 32 - 1);
  const key = env.text('API_KEY', DEFAULT_CARRIERPACKET_KEY);
  const host = env.text('HOST', '127.0.0.1');
  const timezone = env.text('TIMEZONE', 'UTC');
  const fileStreaming = env.bool('FILE_STREAMING');

  const sandbox = createCarrierpacketSandbox({ seed, submissions, timezone, fileStreaming, keys: [{ key }] });
  const url = await sandbox.listen(port, host);
  // A sandbox-only key, printed on purpose so that a developer can paste it into CARRIERPACKET_API_KEY.
  console.log(`CarrierPacket sandbox listening on ${url} (also under ${url}/api/v1)`);
  console.log(`  CARRIERPACKET_BASE_URL=${url}/api/v1 CARRIERPACKET_API_KEY=${key}`);
  console.log(`  ${submissions} submissions, seed ${seed}, zone ${timezone}; control routes under ${url}/_sandbox (see libs/sandbox/README.md)`);
  return sandbox;
});
