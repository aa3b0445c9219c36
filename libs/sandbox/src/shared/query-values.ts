/** Query-string reading that more than one provider's list routes share; the 400 error stays the provider's. */

export type Query = Record<string, unknown>;

/** One value of a query parameter; a repeated parameter is refused rather than silently picking one. */
export function singleQueryValue(query: Query, name: string, badRequest: (message: string) => Error): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`${name} must be given once`);
  return value;
}
