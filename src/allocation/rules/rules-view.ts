import { type Block, context, escapeMrkdwn, header, plain, section } from '../../blocks/block-kit.ts';
import { defaultRoute } from '../../routing/allocation-rules.ts';
import type { Reply } from '../../slack/subcommand.ts';
import type { ListedRule } from './rule-store.ts';
import { describeConditions, describeRoute } from './rule-words.ts';

export const rulesActions = { edit: 'rules.edit', add: 'rules.add' } as const;

/** A message holds at most 50 blocks; the header, the footer and the Add button take four. */
const shownRules = 45;

/**
 * `/order rules`: the rules in the order they are tried, each in words. Admins get an Edit
 * button on each and Add rule; managers only read.
 */
export function renderRules(
  rules: readonly ListedRule[],
  departmentNames: ReadonlyMap<string, string>,
  canEdit: boolean,
): Reply {
  const blocks: Block[] = [header('Allocation rules')];
  if (rules.length === 0)
    blocks.push(section('There are no rules yet: every order takes the default route.'));
  for (const rule of rules.slice(0, shownRules)) {
    const route = rule.unreadable
      ? '_This rule cannot be read and is skipped: edit it to fix it, or delete it._'
      : describeRoute(rule.route, departmentNames);
    const text = `*${rule.position}. ${escapeMrkdwn(rule.name)}*\nWhen: ${describeConditions(rule.conditions)}\nRoute: ${route}`;
    blocks.push({
      ...section(text, `rule.${rule.id}`),
      ...(canEdit ? { accessory: button(rulesActions.edit, 'Edit', String(rule.id)) } : {}),
    });
  }
  if (rules.length > shownRules) {
    blocks.push(context([`…and ${rules.length - shownRules} more, not shown here.`]));
  }
  blocks.push(
    context([
      `The first rule whose conditions all hold routes the order; when none does: ${describeRoute(defaultRoute, departmentNames)}.`,
    ]),
  );
  if (canEdit) {
    blocks.push({
      type: 'actions',
      block_id: 'rules',
      elements: [button(rulesActions.add, 'Add rule', 'new', 'primary')],
    });
  }
  const count = rules.length === 1 ? '1 allocation rule' : `${rules.length} allocation rules`;
  return { text: count, blocks };
}

function button(actionId: string, label: string, value: string, style?: 'primary') {
  return { type: 'button', action_id: actionId, text: plain(label, 75), value, ...(style ? { style } : {}) };
}
