/**
 * Standalone CarrierPacket sandbox: `npm run build && node dist/libs/sandbox/src/carrierpacket/main.js`.
 * Environment: CARRIERPACKET_SANDBOX_PORT (4020), CARRIERPACKET_SANDBOX_HOST (127.0.0.1), CARRIERPACKET_SANDBOX_SUBMISSIONS
 * (200), CARRIERPACKET_SANDBOX_SEED (1), CARRIERPACKET_SANDBOX_API_KEY (cpl_test_sandbox), CARRIERPACKET_SANDBOX_TIMEZONE
 * (UTC), CARRIERPACKET_SANDBOX_FILE_STREAMING (false). A bad value stops the start with a message that names the variable.
 * The clock starts at the default fixed date, so the data is the same on every start; /_sandbox moves it.
 */
import { DEFAULT_CARRIERPACKET_KEY } from './carrierpacket-state.js';
import { createCarrierpacketSandbox } from './carrierpacket-sandbox.js';

const PREFIX = 'CARRIERPACKET_SANDBOX_';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[PREFIX + name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${PREFIX}${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

function boolEnv(name: string): boolean {
  const raw = process.env[PREFIX + name];
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new Error(`${PREFIX}${name} must be true or false (got "${raw}")`);
}

async function main(): Promise<void> {
  const port = intEnv('PORT', 4020, 0, 65_535);
  const submissions = intEnv('SUBMISSIONS', 200, 0, 1_000_000);
  const seed = intEnv('SEED', 1, 0, 2 ** 32 - 1);
  const key = process.env[`${PREFIX}API_KEY`] || DEFAULT_CARRIERPACKET_KEY;
  const host = process.env[`${PREFIX}HOST`] || '127.0.0.1';
  const timezone = process.env[`${PREFIX}TIMEZONE`] || 'UTC';
  const fileStreaming = boolEnv('FILE_STREAMING');

  const sandbox = createCarrierpacketSandbox({ seed, submissions, timezone, fileStreaming, keys: [{ key }] });
  const url = await sandbox.listen(port, host);
  // A sandbox-only key, printed on purpose so that a developer can paste it into CARRIERPACKET_API_KEY.
  console.log(`CarrierPacket sandbox listening on ${url} (also under ${url}/api/v1)`);
  console.log(`  CARRIERPACKET_BASE_URL=${url}/api/v1 CARRIERPACKET_API_KEY=${key}`);
  console.log(`  ${submissions} submissions, seed ${seed}, zone ${timezone}; control routes under ${url}/_sandbox (see libs/sandbox/README.md)`);

  const stop = () => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`CarrierPacket sandbox did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
