import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { badPayloadError, type FieldProblem, type ProviderError, validateAtEdge } from '@waybill/provider-kit';

// SpotGo Carrier Portal payloads: the docs' upsert sample (../shared/provider-docs/spotgo-orders-upsert.txt, "UPSERT")
// plus the README's assumptions (../README.md "Read model"). Unknown properties are accepted (no whitelist); only what
// the mapper cannot do without is required. Enum-like strings (statuses, document types) are free strings here: a
// value the status map does not know becomes UNKNOWN / OTHER with the raw kept, never a refusal.

/** README "Order body": ISO 8601 instants WITH an offset (`Z` or `±hh:mm`); answered in UTC with milliseconds. */
export const SPOTGO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})$/;
const instant = (): PropertyDecorator => Matches(SPOTGO_INSTANT, { message: '$property must be an ISO 8601 instant with an offset' });

export class SpotgoCarrierView {
  @IsOptional() @IsString() name?: string | null;
  @IsOptional() @IsString() email?: string | null;
  @IsOptional() @IsString() vatCode?: string | null;
}

export class SpotgoDetailsView {
  @IsOptional() @IsNumber() @Min(0) weight?: number | null;
  @IsOptional() @IsArray() @IsString({ each: true }) licensePlates?: string[] | null;
}

export class SpotgoPositionView {
  @IsNumber() latitude: number;
  @IsNumber() longitude: number;
}

/** OrderLocationViewModel (UPSERT sample). */
export class SpotgoLocationView {
  @IsInt() sequence: number;
  @IsIn(['Loading', 'Unloading']) type: 'Loading' | 'Unloading';
  @IsOptional() @instant() startDate?: string | null;
  @IsOptional() @instant() endDate?: string | null;
  @IsOptional() @IsString() name?: string | null;
  @IsOptional() @IsString() countryCode?: string | null;
  @IsOptional() @IsString() postalCode?: string | null;
  @IsOptional() @IsString() city?: string | null;
  @IsOptional() @IsString() street?: string | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SpotgoPositionView) position?: SpotgoPositionView | null;
}

/** OrderDocumentViewModel: the sample's five fields, then README assumptions. */
export class SpotgoDocumentView {
  @IsString() @IsNotEmpty() documentId: string;
  @IsOptional() @IsString() name?: string | null;
  @IsString() @IsNotEmpty() documentType: string;
  @IsOptional() @IsString() comment?: string | null;
  @IsString() @IsNotEmpty() status: string;
  @IsOptional() @IsString() rejectionReason?: string | null;
  @IsOptional() @IsString() contentType?: string | null;
  @IsOptional() @IsInt() @Min(0) size?: number | null;
  @IsOptional() @IsString() source?: string | null;
  @IsOptional() @instant() uploadedAt?: string | null;
  @IsOptional() @instant() statusChangedAt?: string | null;
}

/**
 * A document as the adapter emits it (README "Documents as records"): the document view with its owner's `orderId`
 * added, since the view itself does not name its order.
 */
export class SpotgoOwnedDocument extends SpotgoDocumentView {
  @IsString() @IsNotEmpty() orderId: string;
}

export class SpotgoShareView {
  @IsOptional() @IsString() shareUrl?: string | null;
}

/** OrderViewModel (UPSERT sample `order`; query rows are the same). */
export class SpotgoOrderView {
  @IsString() @IsNotEmpty() orderId: string;
  @IsString() @IsNotEmpty() status: string;
  @IsString() @IsNotEmpty() orderNumber: string;
  @IsOptional() @instant() createdAt?: string | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SpotgoCarrierView) carrier?: SpotgoCarrierView | null;
  @IsOptional() @IsArray() @IsString({ each: true }) requiredDocumentTypes?: string[] | null;
  @IsOptional() @IsString() internalComments?: string | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SpotgoDetailsView) details?: SpotgoDetailsView | null;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SpotgoLocationView) locations?: SpotgoLocationView[] | null;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SpotgoDocumentView) documents?: SpotgoDocumentView[] | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => SpotgoShareView) share?: SpotgoShareView | null;
  /** README assumption: the last change to the order or its documents; the provider time and the polling key. */
  @IsOptional() @instant() updatedAt?: string | null;
}

/** OrderUpsertViewModel (UPSERT sample). */
export class SpotgoUpsertView {
  @IsBoolean() created: boolean;
  @IsBoolean() updated: boolean;
  @IsBoolean() linkChanged: boolean;
  @IsObject() @ValidateNested() @Type(() => SpotgoOrderView) order: SpotgoOrderView;
}

/** OrderQueryViewModel (README "Query"): rows stay unvalidated here, each is validated on its own. */
export class SpotgoQueryView {
  @IsArray() items: unknown[];
  @IsOptional() @IsString() continuationToken?: string | null;
}

/** ExternalErrorItemViewModel (README "Errors"). */
export class SpotgoProblemItem {
  @IsOptional() @IsString() field?: string | null;
  @IsOptional() @IsString() code?: string | null;
  @IsOptional() @IsString() message?: string | null;
}

/** RFC 9457 ProblemDetails with `code` and `errors[]` (README "Errors"). */
export class SpotgoProblem {
  @IsOptional() @IsString() type?: string | null;
  @IsOptional() @IsString() title?: string | null;
  @IsOptional() @IsInt() status?: number | null;
  @IsOptional() @IsString() detail?: string | null;
  @IsOptional() @IsString() code?: string | null;
  @IsOptional() @IsString() traceId?: string | null;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SpotgoProblemItem) errors?: SpotgoProblemItem[] | null;
}

/** README "Webhooks → Payload": the thin notice. Ids and statuses are null on `Test`. */
export class SpotgoWebhookNotice {
  @IsString() @IsNotEmpty() eventId: string;
  @IsString() @IsNotEmpty() eventType: string;
  @IsOptional() @instant() occurredAt?: string | null;
  @IsOptional() @IsString() orderId?: string | null;
  @IsOptional() @IsString() orderNumber?: string | null;
  @IsOptional() @IsString() documentId?: string | null;
  @IsOptional() @IsString() status?: string | null;
  @IsOptional() @IsString() orderStatus?: string | null;
}

export type { FieldProblem } from '@waybill/provider-kit';

const SPOTGO_SOURCE = { provider: 'spotgo', label: 'SpotGo' };

/**
 * Validates a SpotGo payload against its DTO class and returns the typed instance (a copy). Throws
 * `ProviderError('bad_payload')` naming every wrong field by path (`locations[1].startDate`).
 */
export function validateSpotgo<T extends object>(cls: new () => T, plain: unknown, what: string, at = ''): T {
  return validateAtEdge(SPOTGO_SOURCE, cls, plain, what, at);
}

export function spotgoBadPayload(what: string, problems: FieldProblem[], cause?: unknown): ProviderError {
  return badPayloadError(SPOTGO_SOURCE, what, problems, cause);
}
