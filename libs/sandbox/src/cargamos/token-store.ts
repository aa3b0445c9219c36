import { randomBytes } from 'node:crypto';

/** A Cargamos user (FACTS §1: users are e-mail + password; the `key` is shared by all users of one shipper). */
export interface CargamosAccount {
  username: string;
  password: string;
  key: string;
}

/** The docs' own example user (FACTS §2: `john.doe@gmail.com` / `shipper`), so the docs' Basic header works as is. */
export const DEFAULT_CARGAMOS_ACCOUNT: Readonly<CargamosAccount> = Object.freeze({
  username: 'john.doe@gmail.com',
  password: 'shipper',
  key: 'cgm_sandbox_shipper_key',
});

/** FACTS §2: tokens "always last 60 minutes" (`expiresIn: "3600"`). */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

interface IssuedToken {
  key: string;
  username: string;
  expiresAt: number;
}

export type TokenCheck = { ok: true; key: string; username: string } | { ok: false; reason: 'unknown' | 'expired' };

/** Users, issued tokens and the login counters. Tokens are random (secrets), not seeded; their expiry is on the sandbox clock. */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private successful = 0;
  private failed = 0;
  private readonly recoveries: { key: string; email: string; at: number }[] = [];

  constructor(
    readonly accounts: readonly CargamosAccount[],
    readonly ttlSeconds: number,
  ) {}

  hasKey(key: string): boolean {
    return this.accounts.some((a) => a.key === key);
  }

  /** The account for these credentials under `key`, or null (the failure is counted). */
  authenticate(key: string, username: string, password: string): CargamosAccount | null {
    const account = this.accounts.find((a) => a.key === key && a.username.toLowerCase() === username.toLowerCase() && a.password === password);
    if (!account) this.failed++;
    return account ?? null;
  }

  issue(account: CargamosAccount, now: number): string {
    const token = `cgm_tok_${randomBytes(24).toString('hex')}`;
    this.tokens.set(token, { key: account.key, username: account.username, expiresAt: now + this.ttlSeconds * 1000 });
    this.successful++;
    return token;
  }

  /** Expired once the sandbox clock reaches issue time + TTL. */
  check(token: string, now: number): TokenCheck {
    const t = this.tokens.get(token);
    if (!t) return { ok: false, reason: 'unknown' };
    if (now >= t.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, key: t.key, username: t.username };
  }

  /** Every token issued so far expires now (the next API call answers 401 TOKEN_EXPIRED). */
  expireAll(now: number): number {
    let n = 0;
    for (const t of this.tokens.values()) {
      if (t.expiresAt > now) {
        t.expiresAt = now;
        n++;
      }
    }
    return n;
  }

  recordRecovery(key: string, email: string, at: number): void {
    this.recoveries.push({ key, email, at });
  }

  passwordRecoveries(): { key: string; email: string; at: number }[] {
    return this.recoveries.map((r) => ({ ...r }));
  }

  /** Successful logins (tokens issued). */
  logins(): number {
    return this.successful;
  }

  failedLogins(): number {
    return this.failed;
  }
}
