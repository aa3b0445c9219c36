import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ConnectionRegistry, type Connection } from '@waybill/provider-kit';
import type { AppConfig } from './app-config.js';
import { APP_CONFIG } from './app-config.token.js';
import { validateEnvironment } from './environment.js';

/** The resolved configuration and the connection registry, available everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, connections: Connection[]): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment, load: [() => ({ app: config })] })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ConnectionRegistry, useValue: new ConnectionRegistry(connections) },
      ],
      exports: [APP_CONFIG, ConnectionRegistry],
    };
  }
}
