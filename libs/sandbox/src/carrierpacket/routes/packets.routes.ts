import type { FastifyInstance } from 'fastify';
import { notFound } from '../api-errors.js';
import type { CarrierpacketState } from '../carrierpacket-state.js';
import { paginate, parsePacketListQuery, pathId } from '../query-params.js';
import { apiGuard } from '../request-guard.js';
import { packetListView, packetView } from '../views.js';

/** REST "Packets". Listed by id ascending (the docs give no order; a broker has a handful). */
export function registerPacketRoutes(app: FastifyInstance, state: CarrierpacketState, prefix: string): void {
  const guard = apiGuard(state);

  app.get(`${prefix}/packets`, { onRequest: guard }, async (request) => {
    const q = parsePacketListQuery(request.query as Record<string, unknown>);
    const rows = state.store.packets.filter((p) => q.status === null || p.row.status === q.status);
    return paginate(rows, q, packetListView);
  });

  app.get<{ Params: { id: string } }>(`${prefix}/packets/:id`, { onRequest: guard }, async (request) => {
    const packet = state.store.findPacket(pathId(request.params.id) ?? -1);
    if (!packet) throw notFound(`Packet ${request.params.id} not found.`);
    return { data: packetView(packet) };
  });
}
