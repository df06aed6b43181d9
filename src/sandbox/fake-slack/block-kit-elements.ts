import {
  checkId,
  checkObject,
  checkString,
  checkText,
  type Issues,
  type JsonObject,
  LIMITS,
  requiredPlain,
} from './block-kit-checks.ts';
import { checkConfirm, checkOption, checkOptionGroups, checkOptions } from './block-kit-compositions.ts';

/** Interactive and input elements, with the per-element limits from the Block Kit reference. */

const DYNAMIC_SELECTS = new Set([
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
]);
const PICKERS = new Set(['datepicker', 'timepicker', 'datetimepicker']);
const TEXT_INPUTS = new Set(['email_text_input', 'url_text_input', 'number_input', 'rich_text_input']);
const UNCHECKED = new Set(['file_input', 'workflow_button']);

/**
 * Checks one element. `actionIds` is shared by the elements of one block, because Slack requires
 * `action_id` to be unique within its block.
 */
export function checkElement(issues: Issues, element: unknown, at: string, actionIds: Set<string>): void {
  if (!checkObject(issues, element, at)) return;
  if (element.type === 'image') {
    checkImage(issues, element, at);
    return;
  }
  checkId(issues, element.action_id, `${at}/action_id`, actionIds, 'action_id');
  checkConfirm(issues, element.confirm, `${at}/confirm`);
  checkText(issues, element.placeholder, `${at}/placeholder`, { max: LIMITS.placeholder, plainOnly: true });
  const type = String(element.type);
  switch (type) {
    case 'button':
      checkButton(issues, element, at);
      return;
    case 'static_select':
    case 'multi_static_select':
      checkStaticSelect(issues, element, at);
      return;
    case 'overflow': {
      const rule = { min: LIMITS.overflowMinOptions, max: LIMITS.overflowMaxOptions, required: true };
      checkOptions(issues, element.options, `${at}/options`, rule);
      return;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const rule = { min: 1, max: LIMITS.choiceOptions, required: true, mrkdwn: true };
      checkOptions(issues, element.options, `${at}/options`, rule);
      return;
    }
    case 'plain_text_input':
      checkPlainTextInput(issues, element, at);
      return;
  }
  if (DYNAMIC_SELECTS.has(type) || PICKERS.has(type)) {
    checkOption(issues, element.initial_option, `${at}/initial_option`, false);
  } else if (!TEXT_INPUTS.has(type) && !UNCHECKED.has(type)) {
    issues.push({ pointer: `${at}/type`, message: `unsupported type: ${type}` });
  }
}

export function checkImage(issues: Issues, image: JsonObject, at: string): void {
  if (image.slack_file === undefined) {
    checkString(issues, image.image_url, `${at}/image_url`, { max: LIMITS.url, min: 1, required: true });
  }
  checkString(issues, image.alt_text, `${at}/alt_text`, { max: LIMITS.imageAltText, min: 1, required: true });
}

function checkButton(issues: Issues, button: JsonObject, at: string): void {
  checkText(issues, button.text, `${at}/text`, requiredPlain(LIMITS.buttonText));
  checkString(issues, button.value, `${at}/value`, { max: LIMITS.buttonValue });
  checkString(issues, button.url, `${at}/url`, { max: LIMITS.url });
  checkString(issues, button.accessibility_label, `${at}/accessibility_label`, { max: LIMITS.buttonText });
}

function checkStaticSelect(issues: Issues, select: JsonObject, at: string): void {
  if (select.options === undefined && select.option_groups === undefined) {
    issues.push({ pointer: at, message: 'must provide either options or option_groups' });
  }
  checkOptions(issues, select.options, `${at}/options`, { max: LIMITS.selectOptions });
  checkOptionGroups(issues, select.option_groups, `${at}/option_groups`);
  checkOption(issues, select.initial_option, `${at}/initial_option`, false);
}

function checkPlainTextInput(issues: Issues, input: JsonObject, at: string): void {
  const { max_length: max, min_length: min } = input;
  if (max !== undefined && (typeof max !== 'number' || max < 1 || max > LIMITS.textInputLength)) {
    issues.push({ pointer: `${at}/max_length`, message: `must be between 1 and ${LIMITS.textInputLength}` });
  }
  if (min !== undefined && (typeof min !== 'number' || min < 0 || min > LIMITS.textInputLength)) {
    issues.push({ pointer: `${at}/min_length`, message: `must be between 0 and ${LIMITS.textInputLength}` });
  }
}
