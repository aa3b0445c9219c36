/* eslint-disable @typescript-eslint/no-explicit-any */
export interface BenchResponse {
  status: number;
  body: any;
}

/** One HTTP call over loopback; `body` is parsed JSON when the answer is JSON, else the text. */
export async function call(url: string, init: RequestInit & { key?: string } = {}): Promise<BenchResponse> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  const res = await fetch(url, { ...init, headers });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: res.status, body };
}

/** Throws with the answer in the message unless the status is the expected one. */
export function expectStatus(res: BenchResponse, expected: number, what: string): void {
  if (res.status !== expected) throw new Error(`${what}: expected HTTP ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

/** Polls `check` every `everyMs` until it returns a value, or throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
