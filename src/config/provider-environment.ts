import { IANAZone } from 'luxon';
import { type Connection, defaultConnectionId, type ProviderEnv, type ProviderEnvVar, type RegisteredProvider } from '@waybill/provider-kit';
import type { ProviderCode } from '@waybill/canonical';

export interface ProviderConfig {
  /** The default connection (`{code}-default`) of every provider whose `enabledBy` variable is set. */
  connections: Connection[];
  /** Sizes of the sandbox simulators' generated data, by provider (used only when no provider is configured). */
  sandboxSizes: Partial<Record<ProviderCode, number>>;
  /** One line per bad variable: `NAME: what is wrong` (values are never echoed: many are secrets). */
  errors: { variable: string; message: string }[];
}

const URL_RE = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;

/**
 * Validates the variables every registered provider declares, and builds the default connections from them
 * (ARCHITECTURE.md, "Configuration"). A configured provider with a required variable missing is an error naming it:
 * an empty credential must never reach a provider.
 */
export function loadProviderConfig(raw: Record<string, string | undefined>, providers: RegisteredProvider[]): ProviderConfig {
  const errors: ProviderConfig['errors'] = [];
  const connections: Connection[] = [];
  const sandboxSizes: ProviderConfig['sandboxSizes'] = {};
  for (const { definition, sandbox } of providers) {
    if (sandbox?.sizeVar) {
      const size = readVar(raw, sandbox.sizeVar, errors);
      if (typeof size === 'number') sandboxSizes[definition.code] = size;
    }
    const enabled = present(raw[definition.enabledBy]);
    const env: ProviderEnv = {};
    for (const v of definition.env) {
      if (enabled && v.required && !present(raw[v.name])) {
        errors.push({ variable: v.name, message: `is required when ${definition.enabledBy} is set (${definition.name})` });
        continue;
      }
      env[v.name] = readVar(raw, v, errors);
    }
    if (enabled && !errors.some((e) => definition.env.some((v) => v.name === e.variable))) {
      connections.push({ id: defaultConnectionId(definition.code), provider: definition.code, ...definition.defaultConnection(env) });
    }
  }
  return { connections, sandboxSizes, errors };
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function readVar(raw: Record<string, string | undefined>, v: ProviderEnvVar, errors: ProviderConfig['errors']): ProviderEnv[string] {
  const value = raw[v.name];
  if (!present(value)) return v.default;
  const text = value.trim();
  const fail = (message: string) => {
    errors.push({ variable: v.name, message });
    return undefined;
  };
  switch (v.type) {
    case 'url':
      return URL_RE.test(text) ? text.replace(/\/+$/, '') : fail('must be an http:// or https:// URL');
    case 'int': {
      const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      const min = v.min ?? Number.MIN_SAFE_INTEGER;
      const max = v.max ?? Number.MAX_SAFE_INTEGER;
      return Number.isSafeInteger(n) && n >= min && n <= max ? n : fail(`must be an integer from ${min} to ${max}`);
    }
    case 'boolean':
      return /^(true|1|yes)$/i.test(text) ? true : /^(false|0|no)$/i.test(text) ? false : fail('must be true or false');
    case 'timezone':
      return IANAZone.isValidZone(text) ? text : fail('must be an IANA time zone such as UTC or America/Chicago');
    case 'secrets': {
      const list = text.split(',').map((s) => s.trim()).filter(Boolean);
      return list.length ? list : fail('must hold at least one secret (several are separated by commas)');
    }
    default:
      return text;
  }
}
