import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Helpers for specs that talk to the CarrierPacket sandbox over real HTTP; no test framework inside. */

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  rawBody: string;
  path: string;
}

export interface HookReceiver {
  url: string;
  received: ReceivedHook[];
  close(): Promise<void>;
}

/**
 * A local endpoint recording every POST. `answer` gives the status and an optional delay before answering (a slow
 * receiver for the timeout tests); it runs when the body has arrived.
 */
export async function startHookReceiver(
  answer: (n: number, hook: ReceivedHook) => { status?: number; delayMs?: number } = () => ({}),
): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8'), path: req.url ?? '' };
      received.push(hook);
      const { status = 200, delayMs = 0 } = answer(received.length, hook);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      }, delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/carrierpacket`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
