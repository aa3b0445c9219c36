import { Prng, deriveSeed } from '../prng.js';
import { CARRIERS, FILE_NAMES, MANAGERS, PLACES } from './catalog.js';
import { AUTO_ACCEPT_SECONDS, PROCESSING_SECONDS } from './order-commands.js';
import { normalizeOrderNumber } from './order-number.js';
import { deriveOrderStatus } from './order-status.js';
import { iso, seededGuid, seededShareUrl } from './ids.js';
import {
  REJECTION_REASONS, type DocumentRecord, type OrderRecord, type SpotgoDocumentStatus, type SpotgoDocumentType,
  type SpotgoLocation, type SpotgoWorkflow,
} from './spotgo.types.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** What a generated order's paperwork looks like at the clock start. */
export const SCENARIOS = ['created', 'opened', 'processing', 'inReview', 'rejected', 'accepted', 'completed'] as const;
type Scenario = (typeof SCENARIOS)[number];
const WEIGHTS: Record<Scenario, number> = { created: 16, opened: 10, processing: 10, inReview: 22, rejected: 10, accepted: 10, completed: 22 };

const REQUIRED_SETS: readonly SpotgoDocumentType[][] = [['cmr'], ['cmr'], ['cmr', 'invoice'], ['cmr', 'invoice'], ['cmr', 'invoice', 'pod']];
const EXTRA_TYPES: readonly SpotgoDocumentType[] = ['packingList', 'receipt', 'other'];

export interface GenerateOptions {
  seed: number;
  orders: number;
  startTime: number;
  workflowFor(orderNumber: string): SpotgoWorkflow;
}

export function orderNumberAt(startTime: number, index: number): string {
  return `SG-${new Date(startTime).getUTCFullYear()}-${String(index + 1).padStart(6, '0')}`;
}

/**
 * Seeded orders created over the 30 days before the clock start (oldest first). The first seven cover every
 * scenario in turn, so even a small data set has documents in each status; the rest are drawn by weight. Documents
 * still `Processing` finish 1–5 minutes after the start; workflow-A documents in review are accepted 5–30 minutes after it.
 */
export function generateOrders(opts: GenerateOptions): OrderRecord[] {
  const rng = new Prng(deriveSeed(opts.seed, 'spotgo-data'));
  const ids = new Prng(deriveSeed(opts.seed, 'spotgo-data-ids'));
  const { startTime } = opts;
  const out: OrderRecord[] = [];
  const span = 30 * DAY;
  for (let i = 0; i < opts.orders; i++) {
    const createdAt = startTime - span + Math.floor(((i + rng.next()) / Math.max(1, opts.orders)) * (span - 2 * 3_600_000));
    const scenario: Scenario = i < SCENARIOS.length ? SCENARIOS[i] : weighted(rng);
    const carrier = rng.pick(CARRIERS);
    const orderNumber = orderNumberAt(startTime, i);
    const required = [...rng.pick(REQUIRED_SETS)];
    const order: OrderRecord = {
      id: seededGuid(ids), orderNumber, normalizedNumber: normalizeOrderNumber(orderNumber), manager: { ...rng.pick(MANAGERS) },
      carrier: { ...carrier }, internalComments: rng.chance(0.3) ? `Ref ${rng.int(10_000, 99_999)}; call before arrival` : null,
      requiredDocumentTypes: required,
      details: { weight: rng.int(2, 24) * 1000, licensePlates: [plate(rng, carrier.vatCode.slice(0, 2)), plate(rng, carrier.vatCode.slice(0, 2))] },
      locations: locations(rng, createdAt), documents: [], shareUrl: seededShareUrl(ids), linkOpened: scenario !== 'created',
      status: 'Created', workflow: opts.workflowFor(orderNumber), createdAt, updatedAt: createdAt,
    };
    addScenarioDocuments(rng, ids, order, scenario, startTime);
    order.status = deriveOrderStatus(order);
    order.updatedAt = Math.max(createdAt, ...order.documents.map((d) => d.statusChangedAt));
    out.push(order);
  }
  return out;
}

function weighted(rng: Prng): Scenario {
  const total = SCENARIOS.reduce((s, k) => s + WEIGHTS[k], 0);
  let roll = rng.next() * total;
  return SCENARIOS.find((k) => (roll -= WEIGHTS[k]) < 0) ?? 'completed';
}

function plate(rng: Prng, country: string): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return `${country} ${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]} ${rng.int(100, 999)}`;
}

function locations(rng: Prng, createdAt: number): SpotgoLocation[] {
  const [from, to] = rng.shuffle(PLACES).slice(0, 2);
  const loadAt = Math.floor((createdAt + rng.int(1, 5) * DAY) / 3_600_000) * 3_600_000;
  const unloadAt = loadAt + rng.int(1, 3) * DAY + rng.int(0, 8) * 3_600_000;
  const loc = (sequence: number, type: 'Loading' | 'Unloading', p: (typeof PLACES)[number], at: number): SpotgoLocation => ({
    sequence, type, startDate: iso(at), endDate: iso(at + 2 * 3_600_000), name: p.name, countryCode: p.countryCode,
    postalCode: p.postalCode, city: p.city, street: p.street, position: { latitude: p.lat, longitude: p.lon },
  });
  return [loc(0, 'Loading', from, loadAt), loc(1, 'Unloading', to, unloadAt)];
}

function addScenarioDocuments(rng: Prng, ids: Prng, order: OrderRecord, scenario: Scenario, startTime: number): void {
  // Uploads happen between creation and the clock start, in order.
  let at = order.createdAt + rng.int(2, 24) * 3_600_000;
  const next = () => (at = Math.min(startTime - MINUTE, at + rng.int(10, 600) * MINUTE));
  const req = order.requiredDocumentTypes;
  const add = (type: SpotgoDocumentType, status: SpotgoDocumentStatus) => {
    const uploadedAt = next();
    const reviewedAt = status === 'Accepted' || status === 'Rejected' ? Math.min(startTime - 1, uploadedAt + rng.int(5, 240) * MINUTE) : uploadedAt + rng.int(1, 5) * MINUTE;
    const doc = makeDocument(rng, ids, order, type, uploadedAt);
    doc.status = status;
    doc.statusChangedAt = status === 'Processing' ? uploadedAt : Math.min(startTime - 1, reviewedAt);
    if (status === 'Processing') {
      doc.uploadedAt = doc.statusChangedAt = startTime - rng.int(1, 30) * 1000;
      doc.processedAt = startTime + rng.int(PROCESSING_SECONDS[0], PROCESSING_SECONDS[1]) * 1000;
    }
    if (status === 'InReview' && order.workflow === 'A') doc.autoAcceptAt = startTime + rng.int(AUTO_ACCEPT_SECONDS[0], AUTO_ACCEPT_SECONDS[1]) * 1000;
    if (status === 'Rejected') {
      doc.rejectionReason = rng.pick(REJECTION_REASONS);
      doc.comment = 'Please upload a clear scan of all pages.';
    }
    order.documents.push(doc);
  };
  switch (scenario) {
    case 'created':
    case 'opened':
      return;
    case 'processing':
      add(req[0], 'Processing');
      return;
    case 'inReview':
      if (req.length > 1 && rng.chance(0.5)) add(req[1], 'Accepted');
      add(req[0], 'InReview');
      return;
    case 'rejected':
      add(req[0], 'Rejected');
      return;
    case 'accepted':
      if (req.length > 1) add(req[0], 'Accepted');
      else add(rng.pick(EXTRA_TYPES), 'Accepted');
      return;
    case 'completed':
      if (rng.chance(0.3)) add(req[0], 'Rejected');
      for (const t of req) add(t, 'Accepted');
      if (rng.chance(0.3)) add(rng.pick(EXTRA_TYPES), 'Accepted');
      return;
  }
}

/** A carrier's upload through the share link: a PDF (sometimes a phone photo) named after its type and the order. */
export function makeDocument(rng: Prng, ids: Prng, order: OrderRecord, type: SpotgoDocumentType, at: number): DocumentRecord {
  const photo = rng.chance(0.15);
  return {
    id: seededGuid(ids), name: `${FILE_NAMES[type]}_${order.orderNumber}.${photo ? 'jpg' : 'pdf'}`, type, comment: null,
    status: 'Processing', rejectionReason: null, contentType: photo ? 'image/jpeg' : 'application/pdf',
    size: rng.int(30_000, 3_000_000), source: 'Carrier', uploadedAt: at, statusChangedAt: at, bytes: null, processedAt: null, autoAcceptAt: null,
  };
}
