import { ApiKeyRepository } from '@waybill/store';
import { keysCommand, UsageError } from './keys.command.js';

/** The repository is the database edge: a small fake keeps this a unit test of the command's parsing and output. */
function fakeKeys() {
  const calls: unknown[][] = [];
  const repo = {
    create: async (name: string, scopes: string[]) => {
      calls.push(['create', name, scopes]);
      return { key: 'wb_secret', record: { id: 'k1', name, prefix: 'wb_sec', scopes } };
    },
    revoke: async (id: string) => {
      calls.push(['revoke', id]);
    },
  } as unknown as ApiKeyRepository;
  return { repo, calls };
}

describe('keys command', () => {
  it('creates a key with the given scopes and prints it once', async () => {
    const { repo, calls } = fakeKeys();
    const out = await keysCommand(repo, ['create', 'tms', 'shipments:read', 'sync:manage']);
    expect(calls).toEqual([['create', 'tms', ['shipments:read', 'sync:manage']]]);
    expect(out).toContain('wb_secret');
  });

  it('refuses an unknown scope, naming it', async () => {
    const { repo, calls } = fakeKeys();
    await expect(keysCommand(repo, ['create', 'tms', 'shipments:reed'])).rejects.toThrow(/shipments:reed/);
    expect(calls).toEqual([]);
  });

  it('revokes by id and explains its usage otherwise', async () => {
    const { repo, calls } = fakeKeys();
    await keysCommand(repo, ['revoke', 'k1']);
    expect(calls).toEqual([['revoke', 'k1']]);
    await expect(keysCommand(repo, ['rotate'])).rejects.toBeInstanceOf(UsageError);
  });
});
