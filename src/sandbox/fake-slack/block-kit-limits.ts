import {
  type BlockKitIssue,
  checkArray,
  checkId,
  checkObject,
  checkString,
  checkText,
  type Issues,
  isObject,
  type JsonObject,
  LIMITS,
  requiredPlain,
} from './block-kit-checks.ts';
import { checkElement, checkImage } from './block-kit-elements.ts';

/**
 * Block Kit validation as Slack does it server-side, as pure functions. Each issue carries a JSON
 * pointer into the request, so a message reads like Slack's own
 * `must be less than 3001 characters [json-pointer:/blocks/0/text/text]`.
 */

export { type BlockKitIssue, formatIssue, LIMITS } from './block-kit-checks.ts';

/** A message's `blocks` (chat.postMessage, chat.update, chat.postEphemeral, response_url). */
export function validateMessageBlocks(blocks: unknown, at = '/blocks'): BlockKitIssue[] {
  const issues: Issues = [];
  checkBlocks(issues, blocks, at, LIMITS.messageBlocks);
  return issues;
}

/** A modal or Home tab view (views.open / push / update / publish, and `response_action` views). */
export function validateView(view: unknown, at = '/view'): BlockKitIssue[] {
  const issues: Issues = [];
  if (!checkObject(issues, view, at)) return issues;
  if (view.type !== 'modal' && view.type !== 'home') {
    issues.push({ pointer: `${at}/type`, message: 'must be a valid enum value [modal, home]' });
  }
  checkBlocks(issues, view.blocks, `${at}/blocks`, LIMITS.viewBlocks);
  if (view.type === 'modal') checkModalChrome(issues, view, at);
  checkString(issues, view.private_metadata, `${at}/private_metadata`, { max: LIMITS.privateMetadata });
  checkString(issues, view.callback_id, `${at}/callback_id`, { max: LIMITS.callbackId });
  checkString(issues, view.external_id, `${at}/external_id`, { max: LIMITS.externalId });
  return issues;
}

/**
 * The text Slack sums for `msg_blocks_too_long`: every string under a `text` key, however deep.
 * Slack does not document what it counts; this is the reading that matches the reported cases.
 */
export function summedBlockText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + summedBlockText(item), 0);
  if (!isObject(value)) return 0;
  let sum = 0;
  for (const [key, child] of Object.entries(value)) {
    sum += key === 'text' && typeof child === 'string' ? child.length : summedBlockText(child);
  }
  return sum;
}

function checkModalChrome(issues: Issues, view: JsonObject, at: string): void {
  const plain = { plainOnly: true, max: LIMITS.modalButton };
  checkText(issues, view.title, `${at}/title`, { ...plain, max: LIMITS.modalTitle, required: true });
  checkText(issues, view.submit, `${at}/submit`, plain);
  checkText(issues, view.close, `${at}/close`, plain);
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
  if (hasInput && view.submit == null) {
    issues.push({ pointer: `${at}/submit`, message: 'must provide submit when the view has an input block' });
  }
}

function checkBlocks(issues: Issues, blocks: unknown, at: string, max: number): void {
  const blockIds = new Set<string>();
  for (const [i, block] of checkArray(issues, blocks, at, { max, required: true }).entries()) {
    checkBlock(issues, block, `${at}/${i}`, blockIds);
  }
}

function checkBlock(issues: Issues, block: unknown, at: string, blockIds: Set<string>): void {
  if (!checkObject(issues, block, at)) return;
  checkId(issues, block.block_id, `${at}/block_id`, blockIds, 'block_id');
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section':
      checkSection(issues, block, at, actionIds);
      return;
    case 'header':
      checkText(issues, block.text, `${at}/text`, requiredPlain(LIMITS.headerText));
      return;
    case 'context':
      checkContext(issues, block, at);
      return;
    case 'actions': {
      const rule = { min: 1, max: LIMITS.actionsElements, required: true };
      for (const [i, el] of checkArray(issues, block.elements, `${at}/elements`, rule).entries()) {
        checkElement(issues, el, `${at}/elements/${i}`, actionIds);
      }
      return;
    }
    case 'input':
      checkText(issues, block.label, `${at}/label`, requiredPlain(LIMITS.inputLabel));
      checkText(issues, block.hint, `${at}/hint`, { max: LIMITS.inputHint, plainOnly: true });
      if (block.element === undefined)
        issues.push({ pointer: `${at}/element`, message: 'missing required field' });
      else checkElement(issues, block.element, `${at}/element`, actionIds);
      return;
    case 'image':
      checkImage(issues, block, at);
      checkText(issues, block.title, `${at}/title`, { max: LIMITS.imageAltText, plainOnly: true });
      return;
    case 'markdown':
      checkString(issues, block.text, `${at}/text`, { max: LIMITS.markdownText, min: 1, required: true });
      return;
    case 'divider':
    case 'rich_text':
    case 'video':
    case 'file':
      return;
    default:
      issues.push({ pointer: `${at}/type`, message: `unsupported type: ${String(block.type)}` });
  }
}

function checkSection(issues: Issues, block: JsonObject, at: string, actionIds: Set<string>): void {
  if (block.text === undefined && block.fields === undefined) {
    issues.push({ pointer: at, message: 'must provide either text or fields' });
  }
  checkText(issues, block.text, `${at}/text`, { max: LIMITS.sectionText });
  const fields = checkArray(issues, block.fields, `${at}/fields`, { max: LIMITS.sectionFields });
  for (const [i, field] of fields.entries()) {
    checkText(issues, field, `${at}/fields/${i}`, { max: LIMITS.sectionField, required: true });
  }
  if (block.accessory !== undefined) checkElement(issues, block.accessory, `${at}/accessory`, actionIds);
}

function checkContext(issues: Issues, block: JsonObject, at: string): void {
  const rule = { min: 1, max: LIMITS.contextElements, required: true };
  for (const [i, el] of checkArray(issues, block.elements, `${at}/elements`, rule).entries()) {
    const elAt = `${at}/elements/${i}`;
    if (isObject(el) && el.type === 'image') checkImage(issues, el, elAt);
    else checkText(issues, el, elAt, { max: LIMITS.sectionText, required: true });
  }
}
