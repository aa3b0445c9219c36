import type { Type } from '@nestjs/common';
import type { ProviderCode } from '@waybill/canonical';
import type { Connection, FreightProvider } from '../freight-provider.js';

/**
 * One environment variable a provider declares. Config validation, the default connection, log redaction and the
 * README's variable table are all built from these declarations (ARCHITECTURE.md, "The provider contract,
 * generalized"): no provider name is written anywhere else.
 */
export interface ProviderEnvVar {
  name: string;
  /** `secrets`: one or more values separated by commas (webhook secrets that rotate). */
  type: 'url' | 'string' | 'secret' | 'secrets' | 'int' | 'boolean' | 'timezone';
  /** Required once the provider is configured (its `enabledBy` variable is set): a missing one stops the start. */
  required?: boolean;
  min?: number;
  max?: number;
  default?: string | number | boolean;
  description: string;
}

/** Validated values of a provider's variables, by name: numbers, booleans and secret lists already converted. */
export type ProviderEnv = Record<string, string | number | boolean | string[] | undefined>;

/** What a sandbox simulator gives the hub when no provider is configured (`npm start` with nothing set). */
export interface RunningSandbox {
  /** The connection's base URL, credentials and settings; the hub adds id and provider. */
  connection: Pick<Connection, 'baseUrl' | 'credentials' | 'settings'> & { webhookSecrets?: string[] };
  /** One line for the start log: where it listens and what data it holds. */
  description: string;
  /**
   * Called once the hub listens: subscribe the sandbox's webhooks to `webhookUrl` and put their secrets into the
   * registry's own connection object (verification reads it from there); start the sandbox clock.
   */
  afterStart(webhookUrl: string | undefined, connection: Connection): Promise<void>;
  close(): Promise<void>;
}

export interface SandboxOptions {
  /** Seconds between two moves of the sandbox clock; 0 stops it. */
  tickSeconds: number;
  /** How many records to generate (loads, submissions…); undefined: the sandbox's own default. */
  size?: number;
}

/** A provider's sandbox simulator, declared beside it in the registry line. Lives in `libs/sandbox/src/<code>`. */
export interface SandboxDefinition {
  code: ProviderCode;
  /** The variable that sizes its generated data (`SANDBOX_LOADS`…), validated with the rest. */
  sizeVar?: ProviderEnvVar;
  start(options: SandboxOptions): Promise<RunningSandbox>;
}

/**
 * Everything the hub needs to run a provider, declared by the provider's folder. The app's registry is a list of
 * these (one line per provider); the module list, config validation, default connections and redaction derive
 * from it.
 */
export interface ProviderDefinition {
  code: ProviderCode;
  /** Human name for logs and docs. */
  name: string;
  /** The Nest module that provides `provider`. */
  module: Type<unknown>;
  /** The injectable class implementing FreightProvider. */
  provider: Type<FreightProvider>;
  /** The variable that, when set, configures the provider's default connection (its base URL). */
  enabledBy: string;
  env: ProviderEnvVar[];
  /** Builds the default connection `{code}-default` from validated variables. */
  defaultConnection(env: ProviderEnv): Omit<Connection, 'id' | 'provider'>;
  /** Request headers that carry signatures or credentials: redacted from every log line. */
  secretHeaders: string[];
  /** Query parameters that carry credentials (URL tokens): redacted from logged URLs. */
  secretQueryParams?: string[];
}

/** A registry line: the provider's definition and, for `npm start` with nothing configured, its sandbox. */
export interface RegisteredProvider {
  definition: ProviderDefinition;
  sandbox?: SandboxDefinition;
}

export const defaultConnectionId = (code: ProviderCode): string => `${code}-default`;
