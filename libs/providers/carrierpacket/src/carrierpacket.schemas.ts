import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  Equals,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { badPayloadError, type FieldProblem, type ProviderError, validateAtEdge } from '@waybill/provider-kit';

// CarrierPacket payloads as documented in ../shared/provider-docs/carrierpacket-rest-api.txt (REST) and
// carrierpacket-facts.md (FACTS), with the contract in ../README.md. The docs' samples are "truncated", so every
// class accepts unknown properties (no whitelist) and only what the mapper cannot do without is required.
// `@IsOptional()` lets both `null` and an absent key through; an absent key means "not carried".

/** REST "Submission fields" `datetime`: `YYYY-MM-DD HH:MM:SS`, no zone (README "Submissions → carriers"). */
export const CARRIERPACKET_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** REST "Document fields" `expires_on date`. */
export const CARRIERPACKET_DATE = /^\d{4}-\d{2}-\d{2}$/;

const datetime = (): PropertyDecorator => Matches(CARRIERPACKET_DATETIME, { message: '$property must be YYYY-MM-DD HH:MM:SS' });

/** REST "Get a submission" and "Submission fields"; also the `submission` of a webhook envelope (FACTS §5, §6). */
export class CarrierpacketSubmission {
  @IsInt() @Min(1) id: number;
  // Any integer: a status the map does not know becomes UNKNOWN with the raw value kept (README), not a refusal.
  @IsInt() status: number;
  @IsOptional() @IsInt() packet_id?: number | null;
  @IsOptional() @IsString() hashid?: string | null;
  @IsOptional() @IsString() mc_number?: string | null;
  @IsOptional() @IsString() usdot_number?: string | null;
  @IsOptional() @IsString() legal_name?: string | null;
  @IsOptional() @IsString() dba_name?: string | null;
  @IsOptional() @IsString() phone?: string | null;
  @IsOptional() @IsString() physical_address?: string | null;
  @IsOptional() @IsString() physical_city?: string | null;
  @IsOptional() @IsString() physical_state?: string | null;
  @IsOptional() @IsString() physical_zip?: string | null;
  @IsOptional() @IsString() mailing_address?: string | null;
  @IsOptional() @IsString() mailing_city?: string | null;
  @IsOptional() @IsString() mailing_state?: string | null;
  @IsOptional() @IsString() mailing_zip?: string | null;
  @IsOptional() @IsString() dispatcher_name?: string | null;
  @IsOptional() @IsString() dispatcher_email?: string | null;
  @IsOptional() @IsString() dispatcher_phone?: string | null;
  @IsOptional() @IsArray() @IsString({ each: true }) services_provided?: string[] | null;
  @IsOptional() @IsString() auth_fullname?: string | null;
  @IsOptional() @IsString() auth_email?: string | null;
  @IsOptional() @IsString() auth_taxid?: string | null;
  @IsOptional() @datetime() contract_datetime?: string | null;
  @IsOptional() @datetime() signed_at?: string | null;
  @IsOptional() @datetime() email_verified_at?: string | null;
  @IsOptional() @datetime() created?: string | null;
  @IsOptional() @datetime() updated?: string | null;
  /** FACTS §6: only on test and docs-explorer deliveries. */
  @IsOptional() @IsBoolean() _synthetic?: boolean | null;
}

/**
 * What the full scan emits for a submission a complete scan did not list and `GET /submissions/{id}` answered 404
 * for (README "Absence"): `{ id, _absent: true }`. Never sent by CarrierPacket.
 */
export class CarrierpacketAbsentSubmission {
  @IsInt() @Min(1) id: number;
  @Equals(true) _absent: true;
}

/** REST "Document fields"; the rows of `/documents` and `/submissions/{id}/documents`. */
export class CarrierpacketDocument {
  @IsInt() @Min(1) id: number;
  @IsInt() @Min(1) submission_id: number;
  // Any string: a type the map does not know becomes OTHER with the raw value kept.
  @IsString() @IsNotEmpty() doc_type: string;
  @IsOptional() @IsString() original_filename?: string | null;
  @IsOptional() @IsString() mime_type?: string | null;
  @IsOptional() @IsInt() @Min(0) size_bytes?: number | null;
  @IsOptional() @Matches(CARRIERPACKET_DATE, { message: '$property must be YYYY-MM-DD' }) expires_on?: string | null;
  @IsOptional() @IsInt() days_until_expiry?: number | null;
  @IsOptional() @datetime() created?: string | null;
}

/** REST "Response shape": `pagination` of every list. */
export class CarrierpacketPagination {
  @IsInt() @Min(1) page: number;
  @IsInt() @Min(1) limit: number;
  @IsOptional() @IsInt() @Min(0) total?: number | null;
  @IsBoolean() has_more: boolean;
}

/**
 * `{ data: [...], pagination }`. Items stay unvalidated here: one malformed row must not cost the whole page, so
 * each row is validated on its own (by `map`, which dead-letters it with the raw kept).
 */
export class CarrierpacketListEnvelope {
  @IsArray() data: unknown[];
  @IsObject() @ValidateNested() @Type(() => CarrierpacketPagination) pagination: CarrierpacketPagination;
}

/** REST "List documents for a submission": the docs' sample has no `pagination` (README: at most six rows). */
export class CarrierpacketSubmissionDocumentsEnvelope {
  @IsArray() data: unknown[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CarrierpacketPagination) pagination?: CarrierpacketPagination | null;
}

/** `{ data: {...} }` of every single-object answer. */
export class CarrierpacketDataEnvelope {
  @IsObject() data: Record<string, unknown>;
}

/** REST "Errors". */
export class CarrierpacketErrorBody {
  @IsString() code: string;
  @IsOptional() @IsString() message?: string | null;
}

export class CarrierpacketErrorEnvelope {
  @IsObject() @ValidateNested() @Type(() => CarrierpacketErrorBody) error: CarrierpacketErrorBody;
}

/** FACTS §6 envelope: `{ event, sent_at, broker_id, submission }`. */
export class CarrierpacketWebhookEnvelope {
  @IsString() @IsNotEmpty() event: string;
  @IsOptional() @IsString() sent_at?: string | null;
  @IsOptional() @IsInt() broker_id?: number | null;
  @IsObject() @ValidateNested() @Type(() => CarrierpacketSubmission) submission: CarrierpacketSubmission;
  @IsOptional() @IsBoolean() _synthetic?: boolean | null;
}

export type { FieldProblem } from '@waybill/provider-kit';

const CARRIERPACKET_SOURCE = { provider: 'carrierpacket', label: 'CarrierPacket' };

/**
 * Validates a CarrierPacket payload against its DTO class and returns the typed instance (a copy). Throws
 * `ProviderError('bad_payload')` naming every wrong field by path (`submission.status`), prefixed with `at` when the
 * payload sits inside a larger one (`data[3]`).
 */
export function validateCarrierpacket<T extends object>(cls: new () => T, plain: unknown, what: string, at = ''): T {
  return validateAtEdge(CARRIERPACKET_SOURCE, cls, plain, what, at);
}

export function carrierpacketBadPayload(what: string, problems: FieldProblem[], cause?: unknown): ProviderError {
  return badPayloadError(CARRIERPACKET_SOURCE, what, problems, cause);
}
