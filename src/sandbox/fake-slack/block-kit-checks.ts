/**
 * Primitive checks shared by the Block Kit validator. Messages copy Slack's wording ("must be less
 * than 3001 characters") so a failing test reads like the error a real workspace would give.
 */

export interface BlockKitIssue {
  /** JSON pointer into the request, e.g. `/blocks/0/text/text` or `/view/title/text`. */
  pointer: string;
  message: string;
}

export type Issues = BlockKitIssue[];

export type JsonObject = Record<string, unknown>;

/** The documented limits (https://api.slack.com/reference/block-kit), plus the undocumented sum. */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  id: 255,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  choiceOptions: 10,
  overflowMinOptions: 2,
  overflowMaxOptions: 5,
  textInputLength: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  imageAltText: 2000,
  markdownText: 12_000,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  /** `msg_blocks_too_long`: not documented; rejections were seen from ~11,300 summed characters. */
  summedBlockText: 12_000,
  /** Longer `text` is cut and the response carries `message_truncated`. */
  messageText: 40_000,
} as const;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Narrows `value` to an object, or records Slack's refusal of anything else at `pointer`. */
export function checkObject(issues: Issues, value: unknown, pointer: string): value is JsonObject {
  if (isObject(value)) return true;
  issues.push({ pointer, message: 'must provide an object' });
  return false;
}

/** The form Slack uses in `errors[]` and `response_metadata.messages`. */
export function formatIssue(issue: BlockKitIssue): string {
  return `${issue.message} [json-pointer:${issue.pointer}]`;
}

interface StringRule {
  max: number;
  min?: number;
  required?: boolean;
}

export function checkString(issues: Issues, value: unknown, pointer: string, rule: StringRule): void {
  if (value === undefined || value === null) {
    if (rule.required) issues.push({ pointer, message: 'missing required field' });
    return;
  }
  if (typeof value !== 'string') {
    issues.push({ pointer, message: 'must be a string' });
    return;
  }
  if (value.length > rule.max)
    issues.push({ pointer, message: `must be less than ${rule.max + 1} characters` });
  const min = rule.min ?? 0;
  if (value.length < min) issues.push({ pointer, message: `must be more than ${min - 1} characters` });
}

interface TextRule extends StringRule {
  plainOnly?: boolean;
}

/** The rule of a plain_text field that must be there: a header, a label, a button's words. */
export const requiredPlain = (max: number): TextRule => ({ max, plainOnly: true, required: true });

/** A text composition object: `{ type: 'plain_text' | 'mrkdwn', text }`. */
export function checkText(issues: Issues, value: unknown, pointer: string, rule: TextRule): void {
  if (value === undefined || value === null) {
    if (rule.required) issues.push({ pointer, message: 'missing required field' });
    return;
  }
  if (!checkObject(issues, value, pointer)) return;
  const allowed = rule.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    issues.push({
      pointer: `${pointer}/type`,
      message: `must be a valid enum value [${allowed.join(', ')}]`,
    });
  }
  checkString(issues, value.text, `${pointer}/text`, { min: 1, ...rule, required: true });
}

interface CountRule {
  max: number;
  min?: number;
  required?: boolean;
}

/** Checks an array's length and returns its items (empty when it is not an array). */
export function checkArray(issues: Issues, value: unknown, pointer: string, rule: CountRule): unknown[] {
  if (value === undefined || value === null) {
    if (rule.required) issues.push({ pointer, message: 'missing required field' });
    return [];
  }
  if (!Array.isArray(value)) {
    issues.push({ pointer, message: 'must provide an array' });
    return [];
  }
  if (value.length > rule.max) issues.push({ pointer, message: `no more than ${rule.max} items allowed` });
  const min = rule.min ?? 0;
  if (value.length < min) issues.push({ pointer, message: `must provide at least ${min} items` });
  return value;
}

/** `action_id` and `block_id` share one rule: at most 255 characters, unique in their scope. */
export function checkId(
  issues: Issues,
  value: unknown,
  pointer: string,
  seen: Set<string>,
  what: string,
): void {
  checkString(issues, value, pointer, { max: LIMITS.id, min: 1 });
  if (typeof value !== 'string') return;
  if (seen.has(value)) issues.push({ pointer, message: `duplicate ${what}: ${value}` });
  seen.add(value);
}
