import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';

/** What every use case runs with: the database, the one clock, and the business time zone. */
export interface UseCaseContext {
  db: Db;
  clock: Clock;
  timeZone: string;
}
