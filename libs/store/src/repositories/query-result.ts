/**
 * TypeORM's postgres `query()` answers an UPDATE or DELETE with `[rows, rowCount]` but a SELECT or INSERT with the
 * rows alone. Every `UPDATE … RETURNING` goes through this so that callers always see the returned rows.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
