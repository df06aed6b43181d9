import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

/**
 * Who may read /metrics. With METRICS_TOKEN set, only a request bearing it. Without one, the
 * sandbox shows them to anyone (it listens on loopback), and a bot in a workspace hides the
 * route altogether rather than publish its traffic.
 */
export function metricsAccess(opts: {
  token: string | undefined;
  openWithoutToken: boolean;
  authorization: string | undefined;
}): MetricsAccess {
  if (!opts.token) return opts.openWithoutToken ? 'allowed' : 'hidden';
  const presented = /^Bearer (.+)$/i.exec(opts.authorization ?? '')?.[1]?.trim();
  return presented && sameSecret(presented, opts.token) ? 'allowed' : 'unauthorized';
}

/** Compares digests in constant time, so response timing does not reveal the token. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
