import type { FastifyInstance } from 'fastify';
import { notFound } from '../api-errors.js';
import type { CarrierpacketState } from '../carrierpacket-state.js';
import { paginate, parsePage, parseSubmissionListQuery, pathId } from '../query-params.js';
import { apiGuard } from '../request-guard.js';
import { documentView, submissionView } from '../views.js';

/** REST "Submissions" and "List documents for a submission"; README "Ordering and offset pages". */
export function registerSubmissionRoutes(app: FastifyInstance, state: CarrierpacketState, prefix: string): void {
  const guard = apiGuard(state);

  // README: newest first (id descending), like the dashboard's Carriers table. Offset pages over live data, so a
  // submission created between two page reads pushes every later row one place down.
  app.get(`${prefix}/submissions`, { onRequest: guard }, async (request) => {
    const q = parseSubmissionListQuery(request.query as Record<string, unknown>);
    const live = state.store.liveSubmissions();
    const rows = (q.status === null ? [...live] : live.filter((s) => s.row.status === q.status)).reverse();
    return paginate(rows, q, submissionView);
  });

  app.get<{ Params: { id: string } }>(`${prefix}/submissions/:id`, { onRequest: guard }, async (request) => {
    const submission = state.store.findSubmission(pathId(request.params.id) ?? -1);
    if (!submission) throw notFound(`Submission ${request.params.id} not found.`);
    return { data: submissionView(submission) };
  });

  // README: by id ascending. A list, so it has REST's pagination block (at most six rows: one page).
  app.get<{ Params: { id: string } }>(`${prefix}/submissions/:id/documents`, { onRequest: guard }, async (request) => {
    const q = parsePage(request.query as Record<string, unknown>);
    const id = pathId(request.params.id) ?? -1;
    if (!state.store.findSubmission(id)) throw notFound(`Submission ${request.params.id} not found.`);
    const today = state.today();
    return paginate(state.store.documentsOf(id), q, (d) => documentView(d, today));
  });
}
