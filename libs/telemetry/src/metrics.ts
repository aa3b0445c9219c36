import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry for the process, served at /metrics. Metrics are module-level singletons so that pure libraries can
 * count without dependency injection; label values are provider codes and outcome names, never ids or secrets.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'waybill_' });

export const unknownStatusTotal = new Counter({
  name: 'waybill_unknown_status_total',
  help: 'Provider statuses not in the provider status map (mapped to UNKNOWN, raw value kept)',
  labelNames: ['provider', 'status'] as const,
  registers: [metricsRegistry],
});

export const mergedRecordsTotal = new Counter({
  name: 'waybill_merged_records_total',
  help: 'Provider records through the merge path, by result (created, updated, unchanged, stale)',
  labelNames: ['provider', 'via', 'result'] as const,
  registers: [metricsRegistry],
});

export const deadLettersTotal = new Counter({
  name: 'waybill_dead_letters_total',
  help: 'Provider payloads that could not be mapped and were kept as dead letters',
  labelNames: ['provider', 'via'] as const,
  registers: [metricsRegistry],
});

export const webhookRejectedTotal = new Counter({
  name: 'waybill_webhook_rejected_total',
  help: 'Inbound webhook deliveries refused before storage (bad or missing signature, stale timestamp, unknown connection)',
  labelNames: ['provider', 'reason'] as const,
  registers: [metricsRegistry],
});

export const webhookReceivedTotal = new Counter({
  name: 'waybill_webhook_received_total',
  help: 'Inbound webhook deliveries accepted, by whether they were new or duplicates',
  labelNames: ['provider', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const webhookConflictsTotal = new Counter({
  name: 'waybill_webhook_conflicts_total',
  help: 'Inbound webhook deliveries whose unsigned delivery id was already stored with another body (kept as dead letters)',
  labelNames: ['provider'] as const,
  registers: [metricsRegistry],
});

export const syncPagesTotal = new Counter({
  name: 'waybill_sync_pages_total',
  help: 'Pages committed by the incremental sync',
  labelNames: ['provider'] as const,
  registers: [metricsRegistry],
});

export const syncRunsTotal = new Counter({
  name: 'waybill_sync_runs_total',
  help: 'Sync runs by outcome',
  labelNames: ['provider', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const syncResyncsTotal = new Counter({
  name: 'waybill_sync_resyncs_total',
  help: 'Full resyncs started because the provider refused the stored checkpoint (cursor_invalid)',
  labelNames: ['provider'] as const,
  registers: [metricsRegistry],
});

export const syncLeaseRenewalsTotal = new Counter({
  name: 'waybill_sync_lease_renewals_total',
  help: 'Sync lease renewals while a page was being fetched, by outcome (ok, lost)',
  labelNames: ['provider', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const providerRequestSeconds = new Histogram({
  name: 'waybill_sync_page_seconds',
  help: 'Time to fetch and commit one sync page',
  labelNames: ['provider'] as const,
  registers: [metricsRegistry],
});

export const providerRetriesTotal = new Counter({
  name: 'waybill_provider_retries_total',
  help: 'Provider HTTP calls retried after a transient error or a rate limit, by error kind',
  labelNames: ['provider', 'kind'] as const,
  registers: [metricsRegistry],
});
