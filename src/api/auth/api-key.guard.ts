import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyRepository, type ApiKeyRecord, type ApiScope } from '@waybill/store';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error.js';
import { PUBLIC_KEY, SCOPES_KEY } from './scopes.decorator.js';

export type AuthenticatedRequest = FastifyRequest & { apiKey?: ApiKeyRecord };

/**
 * The bearer key of a request, looked up by its hash: `401 unauthorized` when it is missing, unknown or revoked. Used
 * by the guard and by the hook that authenticates API writes before their body is read (auth-before-body.hook.ts).
 */
export async function authenticateBearer(header: string | string[] | undefined, keys: ApiKeyRepository): Promise<ApiKeyRecord> {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new ApiError(401, 'unauthorized', 'missing bearer API key');
  const key = await keys.findByKey(match[1]!);
  if (!key) throw new ApiError(401, 'unauthorized', 'unknown or revoked API key');
  return key;
}

/**
 * Bearer API keys, looked up by their SHA-256 (keys are never stored in clear). Every route is private unless marked
 * @Public(); a route without @RequireScopes needs `admin`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // An API write was already authenticated before its body was read (auth-before-body.hook.ts): not looked up twice.
    const key = request.apiKey ?? (await authenticateBearer(request.headers.authorization, this.keys));

    const needed = this.reflector.getAllAndOverride<ApiScope[] | undefined>(SCOPES_KEY, targets) ?? ['admin'];
    const granted = new Set(key.scopes);
    if (!granted.has('admin') && !needed.some((s) => granted.has(s))) {
      throw new ApiError(403, 'forbidden', `this key lacks the scope ${needed.join(' or ')}`);
    }
    request.apiKey = key;
    return true;
  }
}
