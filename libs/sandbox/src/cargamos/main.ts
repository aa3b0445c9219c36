/**
 * Standalone Cargamos sandbox: `npm run build && node dist/libs/sandbox/src/cargamos/main.js`.
 * Environment: CARGAMOS_SANDBOX_PORT (4030), CARGAMOS_SANDBOX_HOST (127.0.0.1), CARGAMOS_SANDBOX_SEED (1),
 * CARGAMOS_SANDBOX_USERNAME / _PASSWORD / _KEY (the default account), CARGAMOS_SANDBOX_TOKEN_TTL_SECONDS (3600).
 * A bad value stops the start with a message that names the variable. The clock starts at the fixed default date;
 * /_sandbox moves it.
 */
import { envReader, runStandalone } from '../shared/standalone-entry.js';
import { createCargamosSandbox } from './cargamos-sandbox.js';
import { DEFAULT_CARGAMOS_ACCOUNT } from './token-store.js';

const env = envReader('CARGAMOS_SANDBOX_');

runStandalone('Cargamos', async () => {
  const port = env.int('PORT', 4030, 0, 65_535);
  const seed = env.int('SEED', 1, 0, 2 ** 32 - 1);
  const tokenTtlSeconds = env.int('TOKEN_TTL_SECONDS', 3600, 1, 86_400 * 30);
  const host = env.text('HOST', '127.0.0.1');
  const account = {
    username: env.text('USERNAME', DEFAULT_CARGAMOS_ACCOUNT.username),
    password: env.text('PASSWORD', DEFAULT_CARGAMOS_ACCOUNT.password),
    key: env.text('KEY', DEFAULT_CARGAMOS_ACCOUNT.key),
  };

  const sandbox = createCargamosSandbox({ seed, tokenTtlSeconds, accounts: [account] });
  const url = await sandbox.listen(port, host);
  // Sandbox-only credentials, printed on purpose so that a developer can paste them into the hub's variables.
  console.log(`Cargamos sandbox listening on ${url}`);
  console.log(`  CARGAMOS_BASE_URL=${url} CARGAMOS_USERNAME=${account.username} CARGAMOS_PASSWORD=${account.password} CARGAMOS_KEY=${account.key}`);
  console.log(`  seed ${seed}; subscribe webhooks with PUT ${url}/_sandbox/subscriptions (see libs/sandbox/README.md)`);
  return sandbox;
});
