import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../api/auth/scopes.decorator.js';
import { RedisHealthIndicator } from './redis.health.js';

@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** The process is up; says nothing of its dependencies (for a liveness probe). */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers and, when configured, Redis too. 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const checks = [() => this.database.pingCheck('database', { timeout: 3000 })];
    if (this.redis.configured) checks.push(() => this.redis.ping('redis') as never);
    return this.health.check(checks);
  }
}
