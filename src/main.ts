import 'reflect-metadata';
import { startWaybill } from './app.factory.js';
import { loadAppConfig } from './config/app-config.js';
import { EnvironmentError } from './config/environment.js';
import { resolveConnections } from './connections/resolve-connections.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAppConfig();
  } catch (e) {
    if (e instanceof EnvironmentError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const resolved = await resolveConnections(config);
  const app = await startWaybill(config, resolved.connections);
  await resolved.afterStart?.(app.url);
  const shutdown = async () => {
    await app.close();
    await resolved.close();
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
