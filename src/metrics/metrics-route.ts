import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { metricsAccess } from './metrics-access.ts';

/** GET /metrics in Prometheus' text format, behind metricsAccess. */
export function metricsRoute(
  registry: Registry,
  access: { token: string | undefined; openWithoutToken: boolean },
) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const verdict = metricsAccess({ ...access, authorization: req.headers.authorization });
    if (verdict === 'hidden') {
      res.writeHead(404).end();
      return;
    }
    if (verdict === 'unauthorized') {
      res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    } catch {
      // A scrape that cannot read the outbox (the database is down) is a failed scrape.
      res.writeHead(503).end();
    }
  };
}
