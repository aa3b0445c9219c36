/** Message and stack of whatever a handler threw (handlers may throw non-Errors). */
export function errorSummary(err: unknown): { message: string; stack?: string } {
  if (!(err instanceof Error)) return { message: String(err) };
  return err.stack === undefined ? { message: err.message } : { message: err.message, stack: err.stack };
}
