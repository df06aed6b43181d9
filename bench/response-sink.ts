import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResponseSink {
  /** A response_url for interaction payloads: Slack's side of `respond()`. */
  url: string;
  /** POSTs received, by HTTP status answered (always 200). */
  received(): number;
  /** Resolves true once `count` POSTs have arrived in all, or false after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Stands in for Slack's response_url endpoint: a listener that calls `respond()` after its ack
 * posts here and gets Slack's `{"ok":true}`. It runs in the load generator's process, so the
 * bot's core does only the bot's work.
 */
export function startResponseSink(): Promise<ResponseSink> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/actions/T0BENCH/1/bench`,
        received: () => received,
        async waitFor(count, timeoutMs) {
          const until = Date.now() + timeoutMs;
          while (received < count) {
            if (Date.now() > until) return false;
            await new Promise((tick) => setTimeout(tick, 20));
          }
          return true;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
