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
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { validateAtEdge } from '@waybill/provider-kit';

// TrailFlow payloads as documented in ../shared/provider-docs/trailflow-partner-api-examples.txt (EX) and
// trailflow-facts.md (FACTS). FACTS §7: new fields and enum values appear without a version bump, so every class
// accepts unknown properties (no whitelist) and enum-like strings (`status`) accept any value. Only what the mapper
// cannot do without is required. `@IsOptional()` lets both `null` and an absent key through.

const FINITE = { allowNaN: false, allowInfinity: false } as const;
// The range JavaScript dates can represent; a timestamp outside it has no ISO form to map to.
const MAX_EPOCH_MS = 8.64e15;

/** Epoch milliseconds (FACTS §4 "Timestamps"). */
function IsEpochMs(): PropertyDecorator {
  const rules = [IsNumber(FINITE), Min(-MAX_EPOCH_MS), Max(MAX_EPOCH_MS)];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}

/** EX "List Loads Response" `customer`, EX "List Customers Response" items. */
export class TrailflowCustomer {
  @IsOptional() @IsString() id?: string | null;
  @IsOptional() @IsString() customerCode?: string | null;
  @IsOptional() @IsString() customerName?: string | null;
  @IsOptional() @IsString() status?: string | null;
  @IsOptional() @IsString() email?: string | null;
  @IsOptional() @IsString() phone?: string | null;
  @IsOptional() @IsEpochMs() updatedAt?: number | null;
}

/** EX "List Loads Response" `carrier`, EX "List Carriers Response" items. */
export class TrailflowCarrier {
  @IsOptional() @IsString() id?: string | null;
  @IsOptional() @IsString() carrierName?: string | null;
  @IsOptional() @IsString() company?: string | null;
  @IsOptional() @IsString() email?: string | null;
  @IsOptional() @IsString() phone?: string | null;
  @IsOptional() @IsBoolean() active?: boolean | null;
  @IsOptional() @IsEpochMs() updatedAt?: number | null;
}

/** EX "Get Load Response" `vehicle`; README assumption 14 (no plates documented). */
export class TrailflowVehicle {
  @IsOptional() @IsString() id?: string | null;
  @IsOptional() @IsString() unitNumber?: string | null;
  @IsOptional() @IsString() type?: string | null;
  @IsOptional() @IsString() status?: string | null;
}

export const TRAILFLOW_STOP_KINDS = ['pickup', 'delivery'] as const;
export type TrailflowStopKind = (typeof TRAILFLOW_STOP_KINDS)[number];

/** EX "List Loads Response" `stops[]`; README assumptions 5 (times) and 6 (address, kind, status). */
export class TrailflowStop {
  @IsOptional() @IsString() id?: string | null;
  @IsInt() sequence: number;
  // The canonical stop type has exactly two values; a new kind cannot be mapped without guessing, so it is refused
  // here with the field named rather than turned into a PICKUP or DELIVERY.
  @IsIn(TRAILFLOW_STOP_KINDS) kind: TrailflowStopKind;
  @IsOptional() @IsString() address?: string | null;
  @IsOptional() @IsNumber(FINITE) latitude?: number | null;
  @IsOptional() @IsNumber(FINITE) longitude?: number | null;
  @IsOptional() @IsEpochMs() scheduledDate?: number | null;
  @IsOptional() @IsString() scheduledTime?: string | null;
  @IsOptional() @IsString() scheduledEndTime?: string | null;
  @IsOptional() @IsString() timezone?: string | null;
  @IsOptional() @IsString() contactName?: string | null;
  @IsOptional() @IsString() email?: string | null;
  @IsOptional() @IsString() phone?: string | null;
  @IsOptional() @IsString() status?: string | null;
  @IsOptional() @IsString() notes?: string | null;
}

/** README assumption 13: `{ latitude, longitude, recordedAt (ms), source }` or null. */
export class TrailflowLastKnownLocation {
  @IsNumber(FINITE) latitude: number;
  @IsNumber(FINITE) longitude: number;
  @IsOptional() @IsEpochMs() recordedAt?: number | null;
  @IsOptional() @IsString() source?: string | null;
}

/** EX "Get Tracking Response" `data`, and the `tracking` embedded in a load. */
export class TrailflowTracking {
  @IsOptional() @IsString() loadId?: string | null;
  @IsOptional() @IsString() externalId?: string | null;
  @IsOptional() @IsString() status?: string | null;
  @IsOptional() @IsBoolean() eligibleForTracking?: boolean | null;
  @IsOptional() @IsString() eligibilityReason?: string | null;
  @IsOptional() @IsInt() routeCount?: number | null;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TrailflowLastKnownLocation)
  lastKnownLocation?: TrailflowLastKnownLocation | null;
}

/** A load: EX list items, EX "Get Load Response" `data`, write responses, and the bare webhook body (FACTS §6). */
export class TrailflowLoad {
  @IsString() @IsNotEmpty() id: string;
  @IsString() status: string;
  @IsEpochMs() updatedAt: number;
  @IsOptional() @IsEpochMs() createdAt?: number | null;
  @IsOptional() @IsString() externalId?: string | null;
  @IsOptional() @IsString() orderNumber?: string | null;
  @IsOptional() @IsBoolean() eligibleForTracking?: boolean | null;
  @IsOptional() @IsNumber(FINITE) rate?: number | null;
  @IsOptional() @IsString() notes?: string | null;
  @IsOptional() @IsString() customerId?: string | null;
  @IsOptional() @IsString() carrierId?: string | null;
  @IsOptional() @IsString() vehicleId?: string | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TrailflowCustomer) customer?: TrailflowCustomer | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TrailflowCarrier) carrier?: TrailflowCarrier | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TrailflowVehicle) vehicle?: TrailflowVehicle | null;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => TrailflowStop) stops?: TrailflowStop[] | null;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => TrailflowTracking) tracking?: TrailflowTracking | null;
}

/**
 * `{ data: [...], nextCursor, requestId }` (FACTS §4). Items stay unvalidated here: one malformed load must not
 * cost the whole page, so each item is validated on its own. `nextCursor` is absent in the customers and carriers
 * examples; absent is read as "last page" (README assumption 12).
 */
export class TrailflowListEnvelope {
  @IsArray() data: unknown[];
  @IsOptional() @IsString() nextCursor?: string | null;
  @IsOptional() @IsString() requestId?: string | null;
}

/** `{ data: {...}, requestId }` of every single-object answer (EX "Get Load Response" and the writes). */
export class TrailflowDataEnvelope {
  @IsObject() data: Record<string, unknown>;
  @IsOptional() @IsString() requestId?: string | null;
  /** Only on `POST /v1/loads/{id}/status` (EX "Update Load Status Response"). */
  @IsOptional() @IsString() previousStatus?: string | null;
}

/** FACTS §5 error envelope. */
export class TrailflowErrorBody {
  @IsString() code: string;
  @IsOptional() @IsString() message?: string | null;
}

export class TrailflowErrorEnvelope {
  @IsObject() @ValidateNested() @Type(() => TrailflowErrorBody) error: TrailflowErrorBody;
  @IsOptional() @IsString() requestId?: string | null;
}

/** FACTS §6 / EX "Create Webhook Response" and "List Webhooks Response"; `signingSecret` only at creation. */
export class TrailflowWebhookSubscription {
  @IsString() @IsNotEmpty() id: string;
  @IsString() url: string;
  @IsArray() @IsString({ each: true }) eventTypes: string[];
  @IsOptional() @IsString() signingSecret?: string | null;
  @IsOptional() @IsString() status?: string | null;
  @IsOptional() @IsEpochMs() createdAt?: number | null;
}

/** EX "Delete Webhook Response"; README assumption 15. */
export class TrailflowDeleteResponse {
  @IsBoolean() deleted: boolean;
  @IsOptional() @IsString() requestId?: string | null;
}

export type { FieldProblem } from '@waybill/provider-kit';

const TRAILFLOW = { provider: 'trailflow', label: 'TrailFlow' };

/**
 * Validates a TrailFlow payload against its DTO class and returns the typed instance (a copy). Throws
 * `ProviderError('bad_payload')` naming every wrong field by path (`stops[0].kind`), prefixed with `at` when the payload
 * sits inside a larger one (`data[3].id`).
 */
export function validateTrailflow<T extends object>(cls: new () => T, plain: unknown, what: string, at = ''): T {
  return validateAtEdge(TRAILFLOW, cls, plain, what, at);
}

/** Validates every item of a list envelope's `data`; the first bad item fails the call, named `data[i]`. */
export function validateTrailflowList<T extends object>(cls: new () => T, items: unknown[], what: string): T[] {
  return items.map((item, i) => validateTrailflow(cls, item, what, `data[${i}]`));
}
