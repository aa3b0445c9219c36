import { getMetadataStorage } from 'class-validator';
import type { ProviderEnvVar, RegisteredProvider } from '@waybill/provider-kit';
import { EnvironmentVariables } from './environment.js';

/** The hub's own variables, documented (the class in environment.ts validates them; a test keeps the two in step). */
export const CORE_VARIABLE_DOCS: { name: keyof EnvironmentVariables; default: string; description: string }[] = [
  { name: 'PORT', default: '3000', description: 'HTTP port' },
  { name: 'DATABASE_URL', default: '—', description: 'PostgreSQL URL. Absent: embedded PGlite under `DATA_DIR`' },
  { name: 'DATA_DIR', default: './data', description: 'where the embedded database lives' },
  { name: 'REDIS_URL', default: '—', description: 'Redis URL for BullMQ queues. Absent: in-process queue' },
  { name: 'QUEUE_PREFIX', default: 'waybill', description: 'Redis key prefix of the queues (several deployments can share one Redis)' },
  { name: 'WAYBILL_ROLE', default: 'all', description: '`api` (HTTP only), `worker` (crons and queue consumers only), `all`' },
  { name: 'WAYBILL_API_KEY', default: '—', description: 'an admin key accepted as given (≥ 16 characters), for development and tests' },
  { name: 'LOG_LEVEL', default: 'info', description: 'pino level (`silent` … `trace`)' },
  {
    name: 'SYNC_LEASE_SECONDS',
    default: '60',
    description: 'how long a poll lease lasts unrenewed (it is renewed every third of it while a page is fetched); also how long a killed worker\'s connection waits',
  },
  { name: 'SANDBOX_TICK_SECONDS', default: '20', description: 'how often the in-process sandboxes move their clocks on (`0`: never)' },
];

/** Names of the properties the EnvironmentVariables class validates (for the drift test). */
export function validatedCoreVariables(): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', true, false);
  return [...new Set(metas.map((m) => m.propertyName))];
}

const TYPE_WORDS: Record<ProviderEnvVar['type'], string> = {
  url: 'URL',
  string: 'text',
  secret: 'secret',
  secrets: 'secrets, comma-separated',
  int: 'integer',
  boolean: 'true/false',
  timezone: 'IANA zone',
};

/**
 * The README's variable table, rendered from the core list and every registry entry, so it cannot drift from what
 * the hub validates. `npm run docs:env` writes it between the README's markers; a test checks it is current.
 */
export function renderEnvironmentTable(providers: RegisteredProvider[]): string {
  const rows = ['| variable | default | meaning |', '|---|---|---|'];
  for (const v of CORE_VARIABLE_DOCS) rows.push(`| \`${v.name}\` | ${code(v.default)} | ${v.description} |`);
  for (const { definition, sandbox } of providers) {
    for (const v of definition.env) {
      const needed = v.name === definition.enabledBy ? 'sets up the default connection `' + definition.code + '-default`; ' : v.required ? `required with \`${definition.enabledBy}\`; ` : '';
      rows.push(`| \`${v.name}\` | ${v.default === undefined ? '—' : code(String(v.default))} | ${definition.name}: ${needed}${v.description} (${TYPE_WORDS[v.type]}) |`);
    }
    if (sandbox?.sizeVar) {
      const v = sandbox.sizeVar;
      rows.push(`| \`${v.name}\` | ${v.default === undefined ? '—' : code(String(v.default))} | ${v.description} (only when no provider is configured) |`);
    }
  }
  return rows.join('\n');
}

export const ENV_TABLE_START = '<!-- env-table:start (npm run docs:env) -->';
export const ENV_TABLE_END = '<!-- env-table:end -->';

/** The README with its table replaced by the current rendering. */
export function withEnvironmentTable(readme: string, table: string): string {
  const start = readme.indexOf(ENV_TABLE_START);
  const end = readme.indexOf(ENV_TABLE_END);
  if (start === -1 || end === -1 || end < start) throw new Error(`README.md has no ${ENV_TABLE_START} … ${ENV_TABLE_END} markers`);
  return `${readme.slice(0, start + ENV_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

const code = (value: string) => (value === '—' ? value : `\`${value}\``);
