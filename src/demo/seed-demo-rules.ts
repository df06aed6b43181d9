import { count } from 'drizzle-orm';
import type { Tx } from '../db/client.ts';
import { allocationRules } from '../db/schema.ts';
import type { DemoRule } from './demo-data.ts';

/** The demo's rules, in order, when there are no rules yet; how many were added. */
export async function addRulesIfNone(tx: Tx, rules: readonly DemoRule[], now: Date): Promise<number> {
  const [stored] = await tx.select({ n: count() }).from(allocationRules);
  if (Number(stored?.n ?? 0) > 0 || !rules.length) return 0;
  await tx.insert(allocationRules).values(rules.map((r, i) => ({ position: i + 1, ...r, updatedAt: now })));
  return rules.length;
}
