/**
 * SpotGo Carrier Portal payload shapes as the sandbox serves them. Field names follow the docs' upsert sample
 * (shared/provider-docs/spotgo-orders-upsert.txt); every field or enum value the docs do not show is a choice written in
 * the contract, libs/providers/spotgo/README.md ("README"), and marked there as an assumption.
 */

/** README "Status enums": order-level status (the docs' sample shows `Created`; "completed" rejects updates). */
export const ORDER_STATUSES = ['Created', 'Active', 'InReview', 'Accepted', 'Rejected', 'Completed'] as const;
export type SpotgoOrderStatus = (typeof ORDER_STATUSES)[number];

/** README: the docs' sample shows `Processing`; the flows page names InReview / Accepted / Rejected. */
export const DOCUMENT_STATUSES = ['Processing', 'InReview', 'Accepted', 'Rejected'] as const;
export type SpotgoDocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** README: the upsert sample sends `"cmr"`; the flows page names CMR, invoice, packing list, order PDF, self-billing invoice. */
export const DOCUMENT_TYPES = ['cmr', 'invoice', 'selfBillingInvoice', 'order', 'packingList', 'pod', 'receipt', 'other'] as const;
export type SpotgoDocumentType = (typeof DOCUMENT_TYPES)[number];

/** README "Document review": reasons a broker (or the pipeline) gives with `Rejected`. */
export const REJECTION_REASONS = ['Unreadable', 'WrongDocumentType', 'Incomplete', 'WrongOrder', 'Other'] as const;
export type SpotgoRejectionReason = (typeof REJECTION_REASONS)[number];

/** The docs' sample location `type` is `Loading`. */
export const LOCATION_TYPES = ['Loading', 'Unloading'] as const;
export type SpotgoLocationType = (typeof LOCATION_TYPES)[number];

/** README "Webhooks": `All` is the docs' value; the rest are choices. `Test` is only sent by `…/notify`. */
export const WEBHOOK_EVENT_TYPES = ['All', 'DocumentUploaded', 'DocumentAccepted', 'DocumentRejected', 'OrderCompleted'] as const;
export type SpotgoWebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type SpotgoNotificationType = Exclude<SpotgoWebhookEventType, 'All'> | 'Test';

/** README "Webhooks": what the subscriber asks SpotGo to send with each delivery. */
export const WEBHOOK_AUTH_TYPES = ['None', 'ApiKey', 'Basic', 'OAuth2'] as const;
export type SpotgoWebhookAuthType = (typeof WEBHOOK_AUTH_TYPES)[number];

/** Workflow A: SpotGo's pipeline accepts documents itself; B: documents wait in review for the broker. */
export type SpotgoWorkflow = 'A' | 'B';

/** Who uploaded a document (README assumption): the carrier through the share link, or the broker through the API. */
export type SpotgoDocumentSource = 'Carrier' | 'Customer';

export interface SpotgoCarrier {
  name: string | null;
  email: string | null;
  vatCode: string;
}

export interface SpotgoPerson {
  name: string | null;
  email: string | null;
}

export interface SpotgoDetails {
  weight: number | null;
  licensePlates: string[];
}

export interface SpotgoLocation {
  sequence: number;
  type: SpotgoLocationType;
  startDate: string | null;
  endDate: string | null;
  name: string | null;
  countryCode: string | null;
  postalCode: string | null;
  city: string | null;
  street: string | null;
  position: { latitude: number; longitude: number } | null;
}

/** OrderDocumentViewModel: the docs' five fields, then the README's additions. */
export interface SpotgoDocumentView {
  documentId: string;
  name: string;
  documentType: SpotgoDocumentType;
  comment: string | null;
  status: SpotgoDocumentStatus;
  rejectionReason: SpotgoRejectionReason | null;
  contentType: string;
  size: number;
  source: SpotgoDocumentSource;
  uploadedAt: string;
  statusChangedAt: string;
}

/** OrderViewModel: the docs' sample fields in their order, then `updatedAt` (README assumption). */
export interface SpotgoOrderView {
  orderId: string;
  status: SpotgoOrderStatus;
  orderNumber: string;
  createdAt: string;
  carrier: SpotgoCarrier;
  requiredDocumentTypes: SpotgoDocumentType[];
  internalComments: string | null;
  details: SpotgoDetails;
  locations: SpotgoLocation[];
  documents: SpotgoDocumentView[];
  share: { shareUrl: string };
  updatedAt: string;
}

/** OrderUpsertViewModel (docs sample). */
export interface SpotgoUpsertView {
  created: boolean;
  updated: boolean;
  linkChanged: boolean;
  order: SpotgoOrderView;
}

/** The order fields a client sends (OrderSubmitModel / upsert body), validated. */
export interface OrderInput {
  orderNumber: string;
  manager: SpotgoPerson | null;
  carrier: SpotgoCarrier;
  internalComments: string | null;
  requiredDocumentTypes: SpotgoDocumentType[];
  details: SpotgoDetails;
  locations: SpotgoLocation[];
}

export interface DocumentRecord {
  id: string;
  name: string;
  type: SpotgoDocumentType;
  comment: string | null;
  status: SpotgoDocumentStatus;
  rejectionReason: SpotgoRejectionReason | null;
  contentType: string;
  size: number;
  source: SpotgoDocumentSource;
  uploadedAt: number;
  statusChangedAt: number;
  /** Uploaded bytes; null for generated documents, whose bytes are made on demand (document-bytes.ts). */
  bytes: Buffer | null;
  /** Sandbox clock instant processing ends (status Processing only). */
  processedAt: number | null;
  /** Workflow A: the instant SpotGo's pipeline accepts the document (status InReview only). */
  autoAcceptAt: number | null;
}

export interface OrderRecord {
  id: string;
  orderNumber: string;
  normalizedNumber: string;
  manager: SpotgoPerson | null;
  carrier: SpotgoCarrier;
  internalComments: string | null;
  requiredDocumentTypes: SpotgoDocumentType[];
  details: SpotgoDetails;
  locations: SpotgoLocation[];
  documents: DocumentRecord[];
  shareUrl: string;
  /** The carrier opened the current share link (a new link resets it). */
  linkOpened: boolean;
  status: SpotgoOrderStatus;
  workflow: SpotgoWorkflow;
  createdAt: number;
  updatedAt: number;
}
