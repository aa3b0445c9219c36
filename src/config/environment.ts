import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

const URL_OPTS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/**
 * Every environment variable of ARCHITECTURE.md "Configuration", validated at start. Values are strings in the
 * environment; numbers are converted before validation so that `PORT=abc` is refused with its name.
 */
export class EnvironmentVariables {
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;
  @IsOptional() @IsString() @MinLength(1) DATA_DIR?: string;
  @IsOptional() @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' }) REDIS_URL?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, dots, dashes or underscores' })
  QUEUE_PREFIX?: string;
  @IsOptional() @IsIn(ROLES) WAYBILL_ROLE?: Role;
  @IsOptional() @IsString() @MinLength(16, { message: 'WAYBILL_API_KEY must be at least 16 characters' }) WAYBILL_API_KEY?: string;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;

  @IsOptional() @IsUrl(URL_OPTS) TRAILFLOW_BASE_URL?: string;
  @IsOptional() @IsString() TRAILFLOW_API_KEY?: string;
  @IsOptional() @IsString() TRAILFLOW_WEBHOOK_SECRET?: string;
  @IsOptional() @IsInt() @Min(5) @Max(86400) TRAILFLOW_POLL_INTERVAL_SECONDS?: number;

  @IsOptional() @IsUrl(URL_OPTS) SPOTGO_BASE_URL?: string;
  @IsOptional() @IsString() SPOTGO_API_KEY?: string;
  @IsOptional() @IsUrl(URL_OPTS) CARRIERPACKET_BASE_URL?: string;
  @IsOptional() @IsString() CARRIERPACKET_API_KEY?: string;
  @IsOptional() @IsString() CARRIERPACKET_WEBHOOK_SECRET?: string;
  @IsOptional() @IsUrl(URL_OPTS) CARGAMOS_BASE_URL?: string;
  @IsOptional() @IsString() CARGAMOS_USERNAME?: string;
  @IsOptional() @IsString() CARGAMOS_PASSWORD?: string;
  @IsOptional() @IsString() CARGAMOS_KEY?: string;

  /** How long a sync lease lasts without renewal; also how long a killed worker's connection stays blocked. */
  @IsOptional() @IsInt() @Min(2) @Max(3600) SYNC_LEASE_SECONDS?: number;

  /** Loads in the in-process TrailFlow sandbox (only used when no provider is configured). */
  @IsOptional() @IsInt() @Min(1) @Max(100000) SANDBOX_LOADS?: number;
  /** How often the in-process sandbox's clock moves loads on; 0 stops it. */
  @IsOptional() @IsInt() @Min(0) @Max(3600) SANDBOX_TICK_SECONDS?: number;
}

const NUMERIC = new Set(['PORT', 'SYNC_LEASE_SECONDS', 'TRAILFLOW_POLL_INTERVAL_SECONDS', 'SANDBOX_LOADS', 'SANDBOX_TICK_SECONDS']);

export class EnvironmentError extends Error {
  constructor(readonly variables: string[], message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** Returns the typed, validated variables or throws an EnvironmentError naming every bad one (values are not echoed: some are secrets). */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === '') continue;
    if (NUMERIC.has(key) && typeof value === 'string') {
      input[key] = /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    } else {
      input[key] = value;
    }
  }
  const env = plainToInstance(EnvironmentVariables, input, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new EnvironmentError(
      errors.map((e) => e.property),
      `Invalid environment configuration:\n${lines.join('\n')}`,
    );
  }
  return env;
}
