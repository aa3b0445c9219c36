import { startRecordingServer, type HookReceiverOf, type HookWithPath } from '../../shared/testing/recording-server.js';

/** Helpers for specs that talk to the CarrierPacket sandbox over real HTTP; no test framework inside. */

export type ReceivedHook = HookWithPath;

export type HookReceiver = HookReceiverOf<ReceivedHook>;

/**
 * A local endpoint recording every POST. `answer` gives the status and an optional delay before answering (a slow
 * receiver for the timeout tests); it runs when the body has arrived.
 */
export async function startHookReceiver(
  answer: (n: number, hook: ReceivedHook) => { status?: number; delayMs?: number } = () => ({}),
): Promise<HookReceiver> {
  const received: ReceivedHook[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = await startRecordingServer(
    '/webhooks/carrierpacket',
    (req, rawBody, res) => {
      const hook = { headers: req.headers, rawBody, path: req.url ?? '' };
      received.push(hook);
      const { status = 200, delayMs = 0 } = answer(received.length, hook);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      }, delayMs);
      timers.add(timer);
    },
    () => {
      for (const t of timers) clearTimeout(t);
    },
  );
  return { url: server.url, received, close: server.close };
}
