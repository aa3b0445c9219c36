/* eslint-disable @typescript-eslint/no-explicit-any */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** Real HTTP against a running hub; `body` is the parsed JSON (or text when the answer is not JSON). */
export async function request(url: string, init: RequestInit & { key?: string; json?: unknown } = {}): Promise<JsonResponse> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
