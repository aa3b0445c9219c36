import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The plumbing under every provider's test webhook receiver (`<provider>/testing/*-test-kit.ts`): a local HTTP server
 * on a free port that hands each request, with its whole body, to the kit. What is recorded and how it is answered
 * stays in the kit. No test framework inside, so builds stay clean.
 */
export interface RecordingServer {
  /** `http://127.0.0.1:<port><path>`. */
  url: string;
  /** Runs `beforeClose`, then stops the server and drops open connections. */
  close(): Promise<void>;
}

/** A webhook as a test receiver saw it, with the request path (query included). */
export interface HookWithPath {
  headers: IncomingHttpHeaders;
  rawBody: string;
  path: string;
}

/** A started test receiver: where to send hooks, what arrived so far (oldest first), and how to stop it. */
export interface HookReceiverOf<H> {
  url: string;
  received: H[];
  close(): Promise<void>;
}

export async function startRecordingServer(
  path: string,
  onRequest: (req: IncomingMessage, rawBody: string, res: ServerResponse) => void,
  beforeClose: () => void = () => undefined,
): Promise<RecordingServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => onRequest(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        beforeClose();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Parsed JSON, or undefined when the text is not JSON (the answers and hooks specs look at). */
export function jsonOrUndefined(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
