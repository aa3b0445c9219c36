/**
 * Standalone Cargamos sandbox: `npm run build && node dist/libs/sandbox/src/cargamos/main.js`.
 * Environment: CARGAMOS_SANDBOX_PORT (4030), CARGAMOS_SANDBOX_HOST (127.0.0.1), CARGAMOS_SANDBOX_SEED (1),
 * CARGAMOS_SANDBOX_USERNAME / _PASSWORD / _KEY (the default account), CARGAMOS_SANDBOX_TOKEN_TTL_SECONDS (3600).
 * A bad value stops the start with a message that names the variable. The clock starts at the fixed default date;
 * /_sandbox moves it.
 */
import { createCargamosSandbox } from './cargamos-sandbox.js';
import { DEFAULT_CARGAMOS_ACCOUNT } from './token-store.js';

const PREFIX = 'CARGAMOS_SANDBOX_';

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[PREFIX + name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${PREFIX}${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

async function main(): Promise<void> {
  const port = intEnv('PORT', 4030, 0, 65_535);
  const seed = intEnv('SEED', 1, 0, 2 ** 32 - 1);
  const tokenTtlSeconds = intEnv('TOKEN_TTL_SECONDS', 3600, 1, 86_400 * 30);
  const host = process.env[`${PREFIX}HOST`] || '127.0.0.1';
  const account = {
    username: process.env[`${PREFIX}USERNAME`] || DEFAULT_CARGAMOS_ACCOUNT.username,
    password: process.env[`${PREFIX}PASSWORD`] || DEFAULT_CARGAMOS_ACCOUNT.password,
    key: process.env[`${PREFIX}KEY`] || DEFAULT_CARGAMOS_ACCOUNT.key,
  };

  const sandbox = createCargamosSandbox({ seed, tokenTtlSeconds, accounts: [account] });
  const url = await sandbox.listen(port, host);
  // Sandbox-only credentials, printed on purpose so that a developer can paste them into the hub's variables.
  console.log(`Cargamos sandbox listening on ${url}`);
  console.log(`  CARGAMOS_BASE_URL=${url} CARGAMOS_USERNAME=${account.username} CARGAMOS_PASSWORD=${account.password} CARGAMOS_KEY=${account.key}`);
  console.log(`  seed ${seed}; subscribe webhooks with PUT ${url}/_sandbox/subscriptions (see libs/sandbox/README.md)`);

  const stop = () => {
    sandbox.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Cargamos sandbox did not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
