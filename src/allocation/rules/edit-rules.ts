import { asc, eq } from 'drizzle-orm';
import { type Actor, requireRole } from '../../auth/roles.ts';
import type { UseCaseContext } from '../../context.ts';
import type { Tx } from '../../db/client.ts';
import { allocationRules } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { knownDepartments } from './rule-store.ts';
import { checkRule, type RuleDraft, type RuleProblem } from './rule-validation.ts';

export interface RuleToSave {
  /** Null for a new rule. */
  ruleId: number | null;
  /** Where it goes, counting from 1; null or past the end puts it last. */
  position: number | null;
  draft: RuleDraft;
}

export type SaveOutcome = { saved: true; ruleId: number } | { saved: false; problems: RuleProblem[] };

const goneMessage = 'This rule was deleted meanwhile. Run `/order rules` to see the rules as they are now.';

/**
 * Adds or changes a rule and puts it at its position, in one transaction. The rule is checked
 * against the departments inside the transaction, so a department removed a moment ago counts.
 */
export async function saveRule(ctx: UseCaseContext, actor: Actor, input: RuleToSave): Promise<SaveOutcome> {
  requireRole(actor, ['admin'], 'change allocation rules');
  return ctx.db.transaction(async (tx) => {
    const order = await lockRuleOrder(tx);
    if (input.ruleId !== null && !order.some((r) => r.id === input.ruleId)) {
      throw new AppError('not_found', goneMessage);
    }
    const check = checkRule(input.draft, await knownDepartments(tx));
    if (!check.ok) return { saved: false, problems: check.problems };
    const values = { ...check.rule, updatedAt: ctx.clock.now() };
    let ruleId = input.ruleId;
    if (ruleId === null) {
      const [row] = await tx
        .insert(allocationRules)
        .values({ ...values, position: 0 })
        .returning({ id: allocationRules.id });
      if (!row) throw new Error('the new rule was not stored');
      ruleId = row.id;
    } else {
      await tx.update(allocationRules).set(values).where(eq(allocationRules.id, ruleId));
    }
    const others = order.filter((r) => r.id !== ruleId);
    const at = Math.min(Math.max((input.position ?? others.length + 1) - 1, 0), others.length);
    const placed = [...others];
    placed.splice(at, 0, { id: ruleId, position: 0 });
    await renumber(tx, placed);
    return { saved: true, ruleId };
  });
}

export async function deleteRule(ctx: UseCaseContext, actor: Actor, ruleId: number): Promise<void> {
  requireRole(actor, ['admin'], 'change allocation rules');
  await ctx.db.transaction(async (tx) => {
    const order = await lockRuleOrder(tx);
    if (!order.some((r) => r.id === ruleId)) throw new AppError('not_found', goneMessage);
    await tx.delete(allocationRules).where(eq(allocationRules.id, ruleId));
    await renumber(
      tx,
      order.filter((r) => r.id !== ruleId),
    );
  });
}

/** The rules in the order they are tried, locked: two admins reordering at once take turns. */
function lockRuleOrder(tx: Tx) {
  return tx
    .select({ id: allocationRules.id, position: allocationRules.position })
    .from(allocationRules)
    .orderBy(asc(allocationRules.position), asc(allocationRules.id))
    .for('update');
}

/** Positions 1, 2, 3… in the given order, writing only the rows that move. */
export async function renumber(tx: Tx, order: readonly { id: number; position: number }[]): Promise<void> {
  for (const [i, rule] of order.entries()) {
    if (rule.position !== i + 1) {
      await tx
        .update(allocationRules)
        .set({ position: i + 1 })
        .where(eq(allocationRules.id, rule.id));
    }
  }
}
