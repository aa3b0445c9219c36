import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeyRepository } from '@waybill/store';
import { APP_CONFIG } from '../../config/app-config.token.js';
import type { AppConfig } from '../../config/app-config.js';

/** Registers WAYBILL_API_KEY (hashed, admin scope) so development and tests have a key from the first start. */
@Injectable()
export class ApiKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeyBootstrap.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeyRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.apiKey) return;
    await this.keys.register('WAYBILL_API_KEY', this.config.apiKey, ['admin']);
    this.logger.log('admin API key from WAYBILL_API_KEY registered');
  }
}
