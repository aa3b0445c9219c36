import { SetMetadata } from '@nestjs/common';
import type { ApiScope } from '@waybill/store';

export const SCOPES_KEY = 'waybill:scopes';
export const PUBLIC_KEY = 'waybill:public';

/** The scopes a route needs (any one of them; `admin` passes everywhere). */
export const RequireScopes = (...scopes: ApiScope[]) => SetMetadata(SCOPES_KEY, scopes);
/** Routes that authenticate otherwise (health, provider webhooks with signatures) or not at all (docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
