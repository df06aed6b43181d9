import {
  checkArray,
  checkObject,
  checkString,
  checkText,
  type Issues,
  LIMITS,
  requiredPlain,
} from './block-kit-checks.ts';

/**
 * The composition objects elements carry: options, option groups and confirm dialogs. Text objects
 * are composition objects too, but every layer uses them, so `checkText` stays with the primitives.
 */

interface OptionsRule {
  max: number;
  min?: number;
  required?: boolean;
  mrkdwn?: boolean;
}

export function checkOptions(issues: Issues, options: unknown, at: string, rule: OptionsRule): void {
  for (const [i, option] of checkArray(issues, options, at, rule).entries()) {
    checkOption(issues, option, `${at}/${i}`, rule.mrkdwn ?? false);
  }
}

/** A static select's `option_groups`: each group is a label over options of its own. */
export function checkOptionGroups(issues: Issues, groups: unknown, at: string): void {
  for (const [g, group] of checkArray(issues, groups, at, { max: LIMITS.selectOptions }).entries()) {
    const gAt = `${at}/${g}`;
    if (!checkObject(issues, group, gAt)) continue;
    checkText(issues, group.label, `${gAt}/label`, requiredPlain(LIMITS.optionText));
    checkOptions(issues, group.options, `${gAt}/options`, { max: LIMITS.selectOptions, required: true });
  }
}

export function checkOption(issues: Issues, option: unknown, at: string, mrkdwn: boolean): void {
  if (option === undefined) return;
  if (!checkObject(issues, option, at)) return;
  checkText(issues, option.text, `${at}/text`, {
    max: LIMITS.optionText,
    plainOnly: !mrkdwn,
    required: true,
  });
  checkString(issues, option.value, `${at}/value`, { max: LIMITS.optionValue, min: 1, required: true });
  checkText(issues, option.description, `${at}/description`, { max: LIMITS.optionText, plainOnly: !mrkdwn });
  checkString(issues, option.url, `${at}/url`, { max: LIMITS.url });
}

export function checkConfirm(issues: Issues, confirm: unknown, at: string): void {
  if (confirm === undefined) return;
  if (!checkObject(issues, confirm, at)) return;
  checkText(issues, confirm.title, `${at}/title`, requiredPlain(LIMITS.confirmTitle));
  checkText(issues, confirm.text, `${at}/text`, { max: LIMITS.confirmText, required: true });
  checkText(issues, confirm.confirm, `${at}/confirm`, requiredPlain(LIMITS.confirmButton));
  checkText(issues, confirm.deny, `${at}/deny`, requiredPlain(LIMITS.confirmButton));
}
