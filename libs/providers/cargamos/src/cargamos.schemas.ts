import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { badPayloadError, type FieldProblem, type ProviderError, validateAtEdge } from '@waybill/provider-kit';

// Cargamos payloads as the adapter reads them (../README.md: "Envelopes and errors", "Shipment tracking", "Webhooks";
// the docs' own examples are under test/fixtures/cargamos/). Unknown properties are accepted; only what the mapper
// cannot do without is required. States are free strings: a state the table does not know becomes UNKNOWN, raw kept.

export const CARGAMOS = 'cargamos';

/** FACTS §2: `{ version, status: "OK", timestamp, data: { token, expiresIn } }`; `expiresIn` is a string of seconds. */
export class CargamosLoginData {
  @IsString() @IsNotEmpty() token: string;
  @IsString() @IsNotEmpty() expiresIn: string;
}

/** INT: "a copy of the request … with two additional fields: trackingId and shipmentId". */
export class CargamosIntegrationView {
  @IsString() @IsNotEmpty() trackingId: string;
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsOptional() @IsString() shipperTrackingId?: string | null;
  @IsOptional() @IsObject() recipientLocation?: Record<string, unknown>;
}

export class CargamosHistoryView {
  @IsString() @IsNotEmpty() state: string;
  @IsInt() timestamp: number;
  @IsOptional() @IsObject() anomalies?: Record<string, unknown> | null;
}

/** README "Shipment tracking" (assumption): camelCase, epoch-ms times. */
export class CargamosTrackingView {
  @IsString() @IsNotEmpty() trackingId: string;
  @IsString() @IsNotEmpty() shipmentId: string;
  @IsOptional() @IsString() shipperTrackingId?: string | null;
  @IsString() @IsNotEmpty() state: string;
  @IsOptional() @IsBoolean() final?: boolean;
  @IsOptional() @IsInt() createdAt?: number;
  @IsInt() updatedAt: number;
  @IsOptional() expectedDeliveryDate?: unknown;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => CargamosHistoryView) history?: CargamosHistoryView[];
}

/** FACTS §5, exactly: `{ state, label_id, anomalies }` (snake_case; no delivery id, no timestamp, no signature). */
export class CargamosWebhookPayload {
  @IsString() @IsNotEmpty() state: string;
  @IsString() @IsNotEmpty() label_id: string;
  @IsOptional() @IsObject() anomalies?: Record<string, unknown> | null;
}

/** INT's error item: `{ code, message, details, location, parameter }`. */
export class CargamosErrorItemView {
  @IsOptional() @IsString() code?: string | null;
  @IsOptional() @IsString() message?: string | null;
  @IsOptional() @IsString() details?: string | null;
  @IsOptional() @IsString() location?: string | null;
  @IsOptional() @IsString() parameter?: string | null;
}

/** INT's error envelope: `{ version, status, processId, timestamp, errors: [...] }`. */
export class CargamosErrorBody {
  @IsOptional() @IsString() status?: string | null;
  @IsOptional() @IsString() processId?: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => CargamosErrorItemView) errors: CargamosErrorItemView[];
}

export type { FieldProblem } from '@waybill/provider-kit';

const CARGAMOS_SOURCE = { provider: CARGAMOS, label: 'Cargamos' };

/** Validates against a DTO class and returns a typed copy; throws ProviderError('bad_payload') naming every wrong field. */
export function validateCargamos<T extends object>(cls: new () => T, plain: unknown, what: string): T {
  return validateAtEdge(CARGAMOS_SOURCE, cls, plain, what);
}

export function cargamosBadPayload(what: string, problems: FieldProblem[], cause?: unknown): ProviderError {
  return badPayloadError(CARGAMOS_SOURCE, what, problems, cause);
}

/** `{ version, status: "OK", timestamp, data }` → `data`; anything else is a bad payload. */
export function envelopeData(body: unknown, what: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('data' in body)) {
    throw cargamosBadPayload(what, [{ field: 'data', message: 'the success envelope has no data' }]);
  }
  return (body as { data: unknown }).data;
}

