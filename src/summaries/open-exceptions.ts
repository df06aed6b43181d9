import type { DbOrTx } from '../db/client.ts';

/** An exception still open, as the summary counts it. */
export interface OpenException {
  orderId: number;
  number: string;
  severity: string;
  openedAt: Date;
}

/**
 * The seam for the exceptions table, which this branch does not have yet: the summary and the
 * managers' Home count what it returns by severity and age. Wire the real query here.
 */
export async function openExceptions(_db: DbOrTx): Promise<OpenException[]> {
  return [];
}
