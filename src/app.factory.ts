import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Connection } from '@waybill/provider-kit';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './api/common/validation.pipe.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { setupOpenApi } from './ops/docs/openapi.js';
import { registerRawJsonParser } from './webhooks/raw-json.parser.js';

export interface WaybillApp {
  context: INestApplicationContext;
  /** The base URL HTTP is served on; undefined for the worker role. */
  url?: string;
  close(): Promise<void>;
}

/** Builds and starts the hub for a role. Used by main.ts and by the end-to-end tests (port 0). */
export async function startWaybill(config: AppConfig, connections: Connection[], opts: { host?: string } = {}): Promise<WaybillApp> {
  const module = AppModule.forRoot(config, connections);
  if (config.role === 'worker') {
    const context = await NestFactory.createApplicationContext(module, { bufferLogs: true, abortOnError: false });
    context.useLogger(context.get(Logger));
    return { context, close: () => context.close() };
  }
  const adapter = new FastifyAdapter({
    genReqId: () => `req_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    bodyLimit: 5 * 1024 * 1024,
  });
  registerRawJsonParser(adapter.getInstance());
  // Every answer, errors from guards included, carries the id a TMS quotes in a support case.
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await app.listen(config.port, opts.host ?? '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { context: app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
