import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy that watches the traffic between the hub and a provider: it counts how many requests on a
 * path prefix are in flight at once, which is what "two workers never poll one connection together" looks like
 * from the provider's side.
 */
export interface CountingProxy {
  url: string;
  maxInFlight(): number;
  total(): number;
  close(): Promise<void>;
}

/** `delayMs` holds every request that long before forwarding it: a slow provider, so a kill lands mid-run. */
export async function startCountingProxy(target: string, pathPrefix: string, opts: { delayMs?: number } = {}): Promise<CountingProxy> {
  const upstream = new URL(target);
  let inFlight = 0;
  let max = 0;
  let total = 0;
  const server = http.createServer((req, res) => {
    const counted = (req.url ?? '').startsWith(pathPrefix);
    if (counted) {
      inFlight++;
      total++;
      max = Math.max(max, inFlight);
    }
    const done = () => {
      if (counted) inFlight--;
    };
    const forward = () => {
      const proxied = http.request(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', done);
        },
      );
      proxied.on('error', () => {
        done();
        res.writeHead(502).end();
      });
      req.pipe(proxied);
    };
    if (opts.delayMs) setTimeout(forward, opts.delayMs);
    else forward();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    maxInFlight: () => max,
    total: () => total,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
