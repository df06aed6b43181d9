import { isObject } from './block-kit-checks.ts';
import { formatIssue, validateView } from './block-kit-limits.ts';
import { SlackApiError } from './errors.ts';
import type { FakeView } from './types.ts';
import type { ViewStore } from './views.ts';

/**
 * Applies the bot's acknowledgement of a `view_submission` as Slack does
 * (api.slack.com/surfaces/modals): an empty body closes the view; `clear` closes the modal;
 * `update` / `push` show the given view; `errors` shows messages under input blocks.
 * Returns what Slack would refuse or silently drop, so a test can assert there is nothing.
 */
export function applyViewSubmissionAck(
  views: ViewStore,
  user: string,
  view: FakeView,
  ack: unknown,
): string[] {
  if (ack === '' || ack === undefined || ack === null) {
    views.close(user, view.id);
    return [];
  }
  if (!isObject(ack))
    return ['the ack body is not a JSON object; Slack shows "We had some trouble connecting"'];
  switch (ack.response_action) {
    case 'clear':
      views.close(user, view.id, true);
      return [];
    case 'errors':
      return showErrors(views, user, view, ack.errors);
    case 'update':
    case 'push': {
      const issues = validateView(ack.view, '/view').map(formatIssue);
      if (issues.length > 0 || !isObject(ack.view)) return issues;
      try {
        if (ack.response_action === 'update') views.update({ viewId: view.id }, ack.view);
        else views.push(user, ack.view);
      } catch (error) {
        if (error instanceof SlackApiError) return [error.error];
        throw error;
      }
      return [];
    }
    default:
      // "the body must be empty" to close: `{}` or a message is not a close request.
      return [`unexpected view_submission ack: ${JSON.stringify(ack)}`];
  }
}

/** Only keys naming an input block are shown (slackapi/bolt-js#1414); the rest are reported. */
function showErrors(views: ViewStore, user: string, view: FakeView, errors: unknown): string[] {
  if (!isObject(errors)) return ['response_action errors needs an `errors` object'];
  const inputs = new Set(view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id));
  const shown: Record<string, string> = {};
  const problems: string[] = [];
  for (const [blockId, message] of Object.entries(errors)) {
    if (inputs.has(blockId)) shown[blockId] = String(message);
    else problems.push(`errors["${blockId}"] is not an input block, so Slack does not show it`);
  }
  views.setErrors(user, view.id, shown);
  return problems;
}
