/** Success envelope of a list: the interceptor adds `requestId`. */
export interface ListEnvelope<T> {
  data: T[];
  nextCursor: string | null;
}
export interface ItemEnvelope<T> {
  data: T;
}
