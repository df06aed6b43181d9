/**
 * Delay before retrying a row after a network error or a 5xx: e, e², … seconds (graphile-worker's
 * curve), capped at five minutes because a channel's later messages wait behind the row.
 */
export const maxBackoffMs = 5 * 60_000;

/** After this many failed sends (about half an hour of retrying) a row is given up as dead. */
export const maxAttempts = 10;

export function backoffMs(attempts: number): number {
  return Math.min(Math.round(Math.exp(Math.min(10, Math.max(1, attempts))) * 1000), maxBackoffMs);
}
