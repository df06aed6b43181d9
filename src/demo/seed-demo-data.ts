import type { Clock } from '../clock.ts';
import { upsertCustomers } from '../customers/upsert-customers.ts';
import type { Db } from '../db/client.ts';
import type { UpsertCounts } from '../db/upsert-support.ts';
import { upsertProducts } from '../products/upsert-products.ts';
import { upsertDepartments, upsertPeople } from '../settings/upsert-organisation.ts';
import { demoCustomers, demoDepartments, demoPeople, demoProducts, demoRules } from './demo-data.ts';
import { seedDemoHistory } from './seed-demo-history.ts';
import { addRulesIfNone } from './seed-demo-rules.ts';

/** Channel ids by name, for the names the workspace has; names it lacks are simply absent. */
export type ChannelLookup = (names: readonly string[]) => Promise<Map<string, string>>;

export interface SeedOptions {
  clock: Clock;
  /** Null when there is no workspace to ask: departments keep the channels they have. */
  channels: ChannelLookup | null;
}

export interface SeedReport {
  customers: UpsertCounts;
  products: UpsertCounts;
  departments: UpsertCounts;
  people: UpsertCounts;
  /** Demo rules added: only into a workspace without rules, so rules edited since are kept. */
  rules: number;
  /** Historic orders added: only into a desk without orders (seed-demo-history.ts). */
  history: number;
  /** Null when the workspace was not asked; else department channel names it does not have. */
  missingChannels: string[] | null;
}

/**
 * Loads the demo data, by code, SKU, key and user id, so a second run changes nothing. The
 * workspace is asked for channel ids before the transaction: no Slack call holds it open.
 */
export async function seedDemoData(db: Db, opts: SeedOptions): Promise<SeedReport> {
  const names = demoDepartments.map((d) => d.channelName);
  const channelIds = opts.channels ? await opts.channels(names) : null;
  const missingChannels = channelIds ? names.filter((n) => !channelIds.has(n)) : null;
  const now = opts.clock.now();
  return db.transaction(async (tx) => ({
    customers: await upsertCustomers(tx, demoCustomers, now),
    products: await upsertProducts(tx, demoProducts, now),
    departments: await upsertDepartments(tx, demoDepartments, channelIds),
    people: await upsertPeople(tx, demoPeople, now),
    rules: await addRulesIfNone(tx, demoRules, now),
    history: await seedDemoHistory(tx, now),
    missingChannels,
  }));
}
