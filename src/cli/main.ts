import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiKeyRepository, StoreModule } from '@waybill/store';
import { loadAppConfig } from '../config/app-config.js';
import { EnvironmentError } from '../config/environment.js';
import { keysCommand, UsageError } from './keys.command.js';

/**
 * Operator commands against the same database the hub uses (DATABASE_URL or the embedded one under DATA_DIR; stop
 * `npm start` first when it is embedded: PGlite belongs to one process).
 *   npm run cli -- keys create tms-prod shipments:read
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command !== 'keys') {
    console.error('usage: waybill keys create <name> <scope…> | keys revoke <id>');
    return 2;
  }
  const config = loadAppConfig();
  @Module({ imports: [StoreModule.forRoot({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })] })
  class CliModule {}
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'], abortOnError: false });
  try {
    console.log(await keysCommand(app.get(ApiKeyRepository), args));
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof UsageError ? `usage: waybill ${e.message}` : e instanceof EnvironmentError ? e.message : e);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
