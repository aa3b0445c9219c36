import { API_SCOPES, ApiKeyRepository, type ApiScope } from '@waybill/store';

/** `waybill keys create <name> <scope…>` prints the new key once; `waybill keys revoke <id>`. */
export async function keysCommand(keys: ApiKeyRepository, args: string[]): Promise<string> {
  const [action, ...rest] = args;
  if (action === 'create') {
    const [name, ...scopes] = rest;
    if (!name || scopes.length === 0) throw new UsageError('keys create <name> <scope> [scope…]');
    const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`unknown scope ${unknown.join(', ')}; scopes: ${API_SCOPES.join(', ')}`);
    const { key, record } = await keys.create(name, scopes as ApiScope[]);
    return `created key ${record.id} (${name}: ${scopes.join(' ')})\n${key}\nStore it now: only its hash is kept.`;
  }
  if (action === 'revoke') {
    const [id] = rest;
    if (!id) throw new UsageError('keys revoke <id>');
    await keys.revoke(id);
    return `revoked ${id}`;
  }
  throw new UsageError('keys create <name> <scope…> | keys revoke <id>');
}

export class UsageError extends Error {}
