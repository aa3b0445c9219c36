import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const ROLES = ['api', 'worker', 'all'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The hub's own environment variables (ARCHITECTURE.md "Configuration"), validated at start. Each provider's
 * variables are declared by its registry entry and validated by provider-environment.ts. Values are strings in the
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

  /** How long a sync lease lasts without renewal; also how long a killed worker's connection stays blocked. */
  @IsOptional() @IsInt() @Min(2) @Max(3600) SYNC_LEASE_SECONDS?: number;

  /** How often the in-process sandbox's clock moves loads on; 0 stops it. */
  @IsOptional() @IsInt() @Min(0) @Max(3600) SANDBOX_TICK_SECONDS?: number;
}

const NUMERIC = new Set(['PORT', 'SYNC_LEASE_SECONDS', 'SANDBOX_TICK_SECONDS']);

export class EnvironmentError extends Error {
  constructor(readonly variables: string[], message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** Returns the typed, validated variables or throws an EnvironmentError naming every bad one (values are not echoed: some are secrets). */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const { env, errors } = checkEnvironment(raw);
  if (errors.length) throw environmentError(errors);
  return env;
}

export function environmentError(errors: { variable: string; message: string }[]): EnvironmentError {
  const lines = errors.map((e) => `  ${e.variable}: ${e.message}`);
  return new EnvironmentError(errors.map((e) => e.variable), `Invalid environment configuration:\n${lines.join('\n')}`);
}

/** The core variables, validated; the errors are returned so that the provider variables' can join them. */
export function checkEnvironment(raw: Record<string, unknown>): { env: EnvironmentVariables; errors: { variable: string; message: string }[] } {
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
  return { env, errors: errors.map((e) => ({ variable: e.property, message: Object.values(e.constraints ?? {}).join('; ') })) };
}
