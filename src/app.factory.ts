import { randomUUID } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Connection } from '@waybill/provider-kit';
import { DEFAULT_WEBHOOK_BODY_LIMIT_BYTES, WebhookReceiverService } from '@waybill/ingest';
import { ApiKeyRepository } from '@waybill/store';
import { Logger } from 'nestjs-pino';
import { registerAuthBeforeBody } from './api/auth/auth-before-body.hook.js';
import { createValidationPipe } from './api/common/validation.pipe.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { setupOpenApi } from './ops/docs/openapi.js';
import { UPLOAD_MULTIPART_LIMITS } from './api/shipments/document-upload.js';
import { API_BODY_LIMIT_BYTES, registerBodyLimits, UPLOAD_BODY_LIMIT_BYTES } from './webhooks/raw-json.parser.js';

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
    // The outer bound for any parser; each route's own limit (webhooks, API writes, uploads) is enforced below.
    bodyLimit: Math.max(
      API_BODY_LIMIT_BYTES,
      UPLOAD_BODY_LIMIT_BYTES,
      DEFAULT_WEBHOOK_BODY_LIMIT_BYTES,
      ...connections.map((c) => Number(c.settings?.webhookBodyLimitBytes) || 0),
    ),
  });
  let app: NestFastifyApplication | undefined;
  // Every answer, errors from guards included, carries the id a TMS quotes in a support case.
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
  // In this order, before any body is read: API writes authenticate (401), then every route's body limit (413).
  let keys: ApiKeyRepository | undefined;
  let receiver: WebhookReceiverService | undefined;
  registerAuthBeforeBody(adapter.getInstance(), () => (keys ??= app!.get(ApiKeyRepository))!);
  registerBodyLimits(adapter.getInstance(), () => {
    receiver ??= app!.get(WebhookReceiverService);
    return (provider, connection) => receiver!.bodyLimitFor(provider, connection);
  });
  app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false, bodyParser: false });
  // Document uploads (`POST /v1/shipments/{id}/documents`): multipart parsed as a stream, the file never held whole.
  // Only the upload route reads parts; a multipart body anywhere else is never parsed (its handler ignores it). The
  // declared-size check above answers 413 before a byte is read; the file-size limit covers chunked bodies.
  await app.register(fastifyMultipart, { limits: UPLOAD_MULTIPART_LIMITS });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await app.listen(config.port, opts.host ?? '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { context: app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
