import { badRequest, notFound } from './api-errors.js';
import { applyStopStatuses } from './load-lifecycle.js';
function resolveCustomer(store, code) {
    if (code === null)
        return null;
    const customer = store.customerByCode(code);
    if (!customer)
        throw badRequest(`customerCode "${code}" does not match any customer`);
    return customer.id;
}
function resolveCarrier(store, name) {
    if (name === null)
        return null;
    const carrier = store.carrierByName(name);
    if (!carrier)
        throw badRequest(`carrierName "${name}" does not match any carrier`);
    return carrier.id;
}
/** `POST /v1/loads`. `now` is the write's instant on the virtual clock. */
export function createLoad(store, input, now) {
    if (input.orderNumber === undefined)
        throw badRequest('orderNumber is required');
    if (input.externalId !== undefined && store.findByExternalId(input.externalId)) {
        throw badRequest(`externalId "${input.externalId}" already exists; use POST /v1/loads/upsert to change it`);
    }
    const customerId = resolveCustomer(store, input.customerCode ?? null);
    const carrierId = resolveCarrier(store, input.carrierName ?? null);
    const at = now();
    const load = {
        id: store.nextLoadId(),
        externalId: input.externalId ?? null,
        orderNumber: input.orderNumber,
        status: input.status ?? 'DRAFT',
        rate: input.rate ?? null,
        notes: input.notes ?? null,
        customerId,
        carrierId,
        vehicleId: null,
        stops: [],
        lastKnownLocation: null,
        createdAt: at,
        updatedAt: at,
    };
    store.add(load);
    return { load, event: 'load.created', created: true, previousStatus: null };
}
/** `POST /v1/loads/upsert`: keyed by externalId, creates when unknown, otherwise changes only the fields sent. */
export function upsertLoad(store, input, now) {
    if (input.externalId === undefined)
        throw badRequest('externalId is required');
    const load = store.findByExternalId(input.externalId);
    if (!load)
        return createLoad(store, input, now);
    const customerId = input.customerCode === undefined ? load.customerId : resolveCustomer(store, input.customerCode);
    const carrierId = input.carrierName === undefined ? load.carrierId : resolveCarrier(store, input.carrierName);
    const previousStatus = load.status;
    if (input.orderNumber !== undefined)
        load.orderNumber = input.orderNumber;
    if (input.status !== undefined)
        load.status = input.status;
    if (input.rate !== undefined)
        load.rate = input.rate;
    if (input.notes !== undefined)
        load.notes = input.notes;
    load.customerId = customerId;
    load.carrierId = carrierId;
    return finishUpdate(store, load, previousStatus, now);
}
/** `POST /v1/loads/{id}/status`. */
export function setLoadStatus(store, idOrExternalId, status, now) {
    const load = store.findLoad(idOrExternalId);
    if (!load)
        throw notFound(`Load ${idOrExternalId} not found`);
    const previousStatus = load.status;
    load.status = status;
    return finishUpdate(store, load, previousStatus, now);
}
function finishUpdate(store, load, previousStatus, now) {
    if (load.status !== previousStatus)
        applyStopStatuses(load);
    load.updatedAt = now();
    store.changed();
    const event = load.status !== previousStatus ? 'load.status_changed' : 'load.updated';
    return { load, event, created: false, previousStatus };
}
