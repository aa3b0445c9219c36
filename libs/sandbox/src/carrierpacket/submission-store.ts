import type { CarrierpacketDataset, DocumentRecord, PacketRecord, SubmissionRecord } from './carrierpacket.types.js';

/**
 * The broker's tenant: packets, the submissions it can still see and their documents. Lists are kept in the orders
 * the routes serve, so a page of a 10,000-submission scan is a slice, not a sort.
 */
export class CarrierpacketStore {
  readonly packets: PacketRecord[];
  /** Live submissions, `id` ascending (ids are sequential, so this is creation order). */
  private readonly submissions: SubmissionRecord[];
  private readonly submissionsById = new Map<number, SubmissionRecord>();
  private readonly documentsById = new Map<number, DocumentRecord>();
  private readonly documentsBySubmission = new Map<number, DocumentRecord[]>();
  /** README ordering of `/documents`; rebuilt after an insert, a renewal or a removal. */
  private byExpiry: DocumentRecord[] | null = null;
  private nextSubmission: number;
  private nextDocument: number;

  constructor(data: CarrierpacketDataset) {
    this.packets = data.packets;
    this.submissions = [...data.submissions].sort((a, b) => a.row.id - b.row.id);
    for (const s of this.submissions) this.submissionsById.set(s.row.id, s);
    for (const d of data.documents) this.addDocument(d);
    this.nextSubmission = data.submissions.reduce((max, s) => Math.max(max, s.row.id), 0) + 1;
    this.nextDocument = data.documents.reduce((max, d) => Math.max(max, d.row.id), 0) + 1;
  }

  /** REST "id integer — Sequential": a removed submission's id is never handed out again. */
  takeSubmissionId(): number {
    return this.nextSubmission++;
  }

  peekDocumentId(): number {
    return this.nextDocument;
  }

  liveSubmissions(): readonly SubmissionRecord[] {
    return this.submissions;
  }

  findSubmission(id: number): SubmissionRecord | undefined {
    return this.submissionsById.get(id);
  }

  findDocument(id: number): DocumentRecord | undefined {
    return this.documentsById.get(id);
  }

  findPacket(id: number): PacketRecord | undefined {
    return this.packets.find((p) => p.row.id === id);
  }

  /** README: `/submissions/{id}/documents` lists by `id` ascending. */
  documentsOf(submissionId: number): readonly DocumentRecord[] {
    return this.documentsBySubmission.get(submissionId) ?? [];
  }

  /** Every live document, `id` ascending. */
  allDocuments(): DocumentRecord[] {
    return [...this.documentsById.values()].sort((a, b) => a.row.id - b.row.id);
  }

  /** README: soonest `expires_on` first, documents without one last, ties by `id` ascending. */
  documentsByExpiry(): readonly DocumentRecord[] {
    if (this.byExpiry === null) {
      this.byExpiry = [...this.documentsById.values()].sort(
        (a, b) => (a.expiresDay ?? Infinity) - (b.expiresDay ?? Infinity) || a.row.id - b.row.id,
      );
    }
    return this.byExpiry;
  }

  /** A new submission (with the next id, taken by the caller) and its uploads. */
  insert(submission: SubmissionRecord, documents: DocumentRecord[]): void {
    const last = this.submissions[this.submissions.length - 1];
    if (last && last.row.id >= submission.row.id) throw new Error('CarrierPacket store: submissions must be inserted in id order');
    this.submissions.push(submission);
    this.submissionsById.set(submission.row.id, submission);
    for (const d of documents) this.addDocument(d);
    for (const d of documents) this.nextDocument = Math.max(this.nextDocument, d.row.id + 1);
  }

  /** A document's expiry changed: the `/documents` order must be rebuilt. */
  touchedDocument(): void {
    this.byExpiry = null;
  }

  /** The submission and its documents leave the tenant (as if deleted or moved to another broker); false if unknown. */
  remove(id: number): boolean {
    const submission = this.submissionsById.get(id);
    if (!submission) return false;
    this.submissionsById.delete(id);
    this.submissions.splice(this.submissions.indexOf(submission), 1);
    for (const d of this.documentsOf(id)) this.documentsById.delete(d.row.id);
    this.documentsBySubmission.delete(id);
    this.byExpiry = null;
    return true;
  }

  private addDocument(d: DocumentRecord): void {
    this.documentsById.set(d.row.id, d);
    const list = this.documentsBySubmission.get(d.row.submission_id);
    if (list) list.push(d);
    else this.documentsBySubmission.set(d.row.submission_id, [d]);
    this.byExpiry = null;
  }
}
