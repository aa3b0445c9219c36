import { Injectable } from '@nestjs/common';
import type { CanonicalDocument } from '@waybill/canonical';
import { ConnectionRegistry, ProviderRegistry, type ReviewDecision } from '@waybill/provider-kit';
import { DocumentQueryRepository, MergeService } from '@waybill/store';
import { CommandError, commandErrorFromProvider } from './command-error.js';
import { commandMergeItems } from './provider-records.js';
import { DocumentSourceRepository } from '@waybill/store';

/** `POST /v1/documents/{id}/review`: passes a review to the document's provider and merges its answer. */
@Injectable()
export class DocumentReviewService {
  constructor(
    private readonly sources: DocumentSourceRepository,
    private readonly documents: DocumentQueryRepository,
    private readonly providers: ProviderRegistry,
    private readonly connections: ConnectionRegistry,
    private readonly merge: MergeService,
  ) {}

  async review(id: string, decision: ReviewDecision, reason: string | null): Promise<CanonicalDocument> {
    const doc = await this.sources.find(id);
    if (!doc) throw CommandError.notFound('document');
    const provider = this.providers.find(doc.provider);
    const review = provider?.commands?.review;
    if (!provider || !review) throw CommandError.unsupported(doc.provider, 'review_not_supported', 'this provider does not take document reviews');
    // Refused before any call: the provider would refuse it too (e.g. a document that is not in review).
    if (!review.canReview(doc.rawStatus, decision)) {
      throw CommandError.invalidState(`a document in status ${doc.rawStatus ?? 'unknown'} cannot be ${decision.toLowerCase()}`, { rawStatus: doc.rawStatus, decision });
    }
    const conn = this.connections.find(doc.provider, doc.connectionId);
    if (!conn) throw CommandError.invalidState(`connection ${doc.connectionId} of ${doc.provider} is no longer configured`);
    let records;
    try {
      records = await review.submit(conn, { externalId: doc.externalId, ownerExternalId: doc.ownerExternalId }, decision, reason);
    } catch (e) {
      throw commandErrorFromProvider(e, provider.code) ?? e;
    }
    if (records.length > 0) await this.merge.merge(commandMergeItems(provider, conn, records));
    return (await this.documents.get(id))!;
  }
}
