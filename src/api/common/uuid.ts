const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Waybill ids are UUIDs; anything else names nothing we have, so callers answer 404, not 400. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
