import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { metricsRegistry } from '@waybill/telemetry';
import { Public } from '../../api/auth/scopes.decorator.js';

@ApiTags('ops')
@Controller('metrics')
export class MetricsController {
  /** Prometheus text format. Public like /health: it carries counts by provider and outcome, no ids or secrets. */
  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
