import { type Block, escapeMrkdwn, plain, section } from '../../blocks/block-kit.ts';
import {
  type Choice,
  choicesOf,
  input,
  numberElement,
  selectElement,
  textElement,
  userSelectElement,
} from '../../blocks/form-inputs.ts';
import { customerTierLabels, customerTiers } from '../../customers/customer-tiers.ts';
import { paymentMethodLabels, paymentMethods } from '../../customers/payment-methods.ts';
import { formatCents } from '../../money.ts';
import { productCategories, productCategoryLabels } from '../../products/product-categories.ts';
import { type PickStrategy, pickStrategies } from '../../routing/allocation-rules.ts';
import type { ListedRule } from './rule-store.ts';
import { pickLabels } from './rule-words.ts';

/** Ids of the rule modal, shared by the view, its listeners and the state reader. */
export const ruleModal = {
  callbackId: 'rules.save',
  deleteButton: 'rules.delete',
  removeStepButton: 'rules.remove_step',
} as const;

/**
 * The route is a fixed number of step rows, blank ones ignored: fewer moving parts than adding
 * rows with views.update, and six departments cover every route a business has asked for.
 */
export const routeRows = 6;

/**
 * A step row's block ids. Removing a step redraws the rows below it one place up; Slack keeps
 * whatever was chosen under an unchanged block id, so each redraw gives the rows new ids
 * (`routeVersion`) and they show the moved steps instead of what stood there before.
 */
export const stepBlock = (
  row: number,
  part: 'department' | 'pick' | 'person' | 'remove',
  routeVersion = 0,
) => (routeVersion ? `step${row}.${part}.v${routeVersion}` : `step${row}.${part}`);

/** A step row as the modal shows it: what was saved, or what the admin chose so far. */
export interface StepRow {
  department: string;
  pick: PickStrategy;
  personId?: string | null;
}

/** What the modal carries between opening and submitting. */
export interface RuleModalMeta {
  ruleId: number | null;
  /** Where the list the admin came from answers, so it can show the change. */
  responseUrl: string | null;
  /** Bumped each time a step is removed: the step rows' block ids (see stepBlock). */
  routeVersion: number;
}

export interface RuleModalInput {
  rule: ListedRule | null;
  /** How many rules there are now: a new rule is offered the last place. */
  ruleCount: number;
  departments: readonly { key: string; name: string }[];
  responseUrl: string | null;
  /** The route the rows show when it differs from the saved rule's: after a step was removed. */
  route?: readonly StepRow[];
  routeVersion?: number;
}

const multiSelect = (choices: Choice[], initial: readonly string[] | undefined, placeholder: string) => {
  const option = (c: Choice) => ({ text: plain(c.label, 75), value: c.value });
  const chosen = choices.filter((c) => initial?.includes(c.value)).map(option);
  return {
    type: 'multi_static_select',
    placeholder: plain(placeholder),
    options: choices.map(option),
    ...(chosen.length ? { initial_options: chosen } : {}),
  };
};

const money = (cents: number | undefined) =>
  cents === undefined ? null : formatCents(cents).replaceAll(',', '');
const days = (n: number | undefined) =>
  numberElement(n === undefined ? null : String(n), { decimal: false, min: '0', max: '3650' });

export function buildRuleModal({
  rule,
  ruleCount,
  departments,
  responseUrl,
  route = rule?.route ?? [],
  routeVersion = 0,
}: RuleModalInput) {
  const c = rule?.conditions ?? {};
  const lastPlace = rule ? ruleCount : ruleCount + 1;
  const meta: RuleModalMeta = { ruleId: rule?.id ?? null, responseUrl, routeVersion };
  const departmentChoices = departments.map((d) => ({ value: d.key, label: d.name }));
  const blocks: Block[] = [
    input('name', 'Name', textElement(rule?.name ?? '', { max: 80 }), {
      hint: 'What the rule is for, e.g. “Prepaid custom work”.',
    }),
    input(
      'position',
      'Position',
      numberElement(String(rule?.position ?? lastPlace), {
        decimal: false,
        min: '1',
        max: String(lastPlace),
      }),
      { hint: `Rules are tried from 1 to ${lastPlace}; the first that matches routes the order.` },
    ),
    section('*When* — leave a condition empty to match every order on it.'),
    input(
      'categories',
      'Product categories',
      multiSelect(choicesOf(productCategories, productCategoryLabels), c.categories, 'Any category'),
      {
        optional: true,
        hint: 'Matches when any line of the order is in one of them.',
      },
    ),
    input('min_value', 'Lowest order value', textElement(money(c.minValueCents), { max: 20 }), {
      optional: true,
      hint: 'e.g. 1000.00 or 1000,00',
    }),
    input('max_value', 'Highest order value', textElement(money(c.maxValueCents), { max: 20 }), {
      optional: true,
    }),
    input(
      'tiers',
      'Customer tiers',
      multiSelect(choicesOf(customerTiers, customerTierLabels), c.tiers, 'Any tier'),
      {
        optional: true,
      },
    ),
    input(
      'payment_methods',
      'Payment methods',
      multiSelect(choicesOf(paymentMethods, paymentMethodLabels), c.paymentMethods, 'Any payment method'),
      { optional: true },
    ),
    input('min_days', 'Fewest days until delivery', days(c.minDaysUntilDelivery), { optional: true }),
    input('max_days', 'Most days until delivery', days(c.maxDaysUntilDelivery), { optional: true }),
    section('*Route* — the departments the order passes through, in order. Leave unused steps empty.'),
  ];
  for (let row = 1; row <= routeRows; row++) {
    blocks.push(...stepInputs(row, route[row - 1], departmentChoices, routeVersion));
  }
  if (rule) blocks.push(deleteBlock(rule));
  return {
    type: 'modal',
    callback_id: ruleModal.callbackId,
    title: plain(rule ? 'Edit rule' : 'New rule', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

function stepInputs(
  row: number,
  step: StepRow | undefined,
  departments: Choice[],
  routeVersion: number,
): Block[] {
  const block = (part: Parameters<typeof stepBlock>[1]) => stepBlock(row, part, routeVersion);
  const picks = choicesOf(pickStrategies, pickLabels);
  // A step through a department that is gone stays visible, so saving refuses it by name
  // instead of quietly dropping it from the route.
  const missing =
    step && !departments.some((d) => d.value === step.department)
      ? [{ value: step.department, label: `${step.department} (missing)` }]
      : [];
  return [
    input(
      block('department'),
      `Step ${row}: department`,
      selectElement([...departments, ...missing], step?.department, 'No step'),
      {
        optional: true,
      },
    ),
    input(
      block('pick'),
      `Step ${row}: who does it`,
      selectElement(picks, step?.pick ?? 'round_robin', 'Round-robin'),
      {
        optional: true,
      },
    ),
    input(
      block('person'),
      `Step ${row}: the person, for a fixed pick`,
      userSelectElement(step?.personId, 'Choose a member'),
      {
        optional: true,
      },
    ),
    {
      type: 'actions',
      block_id: block('remove'),
      elements: [
        {
          type: 'button',
          action_id: ruleModal.removeStepButton,
          text: plain(`Remove step ${row}`, 75),
          value: String(row),
        },
      ],
    },
  ];
}

function deleteBlock(rule: ListedRule): Block {
  return {
    type: 'actions',
    block_id: 'delete',
    elements: [
      {
        type: 'button',
        action_id: ruleModal.deleteButton,
        text: plain('Delete this rule', 75),
        style: 'danger',
        value: String(rule.id),
        confirm: {
          title: plain('Delete the rule?', 100),
          text: { type: 'mrkdwn', text: `Orders will no longer be routed by *${escapeMrkdwn(rule.name)}*.` },
          confirm: plain('Delete', 30),
          deny: plain('Keep it', 30),
          style: 'danger',
        },
      },
    ],
  };
}

/** What the modal shows once the rule is gone. */
export function deletedRuleView(name: string) {
  return {
    type: 'modal',
    title: plain('Rule deleted', 24),
    close: plain('Close', 24),
    blocks: [section(`*${escapeMrkdwn(name)}* was deleted; the rules after it moved up.`)],
  };
}
