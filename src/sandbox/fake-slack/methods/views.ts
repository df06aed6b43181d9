import { isObject } from '../block-kit-checks.ts';
import { formatIssue, validateView } from '../block-kit-limits.ts';
import { invalidArguments } from '../errors.ts';
import { str } from '../http-args.ts';
import type { Json } from '../types.ts';
import type { MethodCall, MethodSpec } from './method.ts';

export const viewMethods: Record<string, MethodSpec> = {
  'views.open': { handler: open },
  'views.push': { handler: push },
  'views.update': { handler: update },
  'views.publish': { handler: publish },
};

function open({ args, slack }: MethodCall): Json {
  const view = checkedView(args, 'modal');
  const user = slack.triggers.exchange(str(args, 'trigger_id'));
  return { view: slack.views.open(user, view) };
}

function push({ args, slack }: MethodCall): Json {
  const view = checkedView(args, 'modal');
  const user = slack.triggers.exchange(str(args, 'trigger_id'));
  return { view: slack.views.push(user, view) };
}

function update({ args, slack }: MethodCall): Json {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (!viewId && !externalId) throw invalidArguments(['either view_id or external_id is required']);
  const view = checkedView(args);
  const target = viewId ? { viewId } : { externalId };
  return { view: slack.views.update(target, view, str(args, 'hash')) };
}

function publish({ args, slack }: MethodCall): Json {
  const userId = str(args, 'user_id');
  if (!userId || !slack.workspace.user(userId)) throw invalidArguments(['invalid `user_id`']);
  const view = checkedView(args, 'home');
  return { view: slack.views.publish(userId, view, str(args, 'hash')) };
}

/** Views are validated before the trigger is spent, so a bad view leaves the trigger usable. */
function checkedView(args: Json, type?: 'modal' | 'home'): Json {
  const view = args.view;
  if (view === undefined) throw invalidArguments(['missing required field: view']);
  const issues = validateView(view).map(formatIssue);
  if (!isObject(view)) throw invalidArguments(issues);
  if (type && view.type !== type)
    issues.push(`must be a valid enum value [${type}] [json-pointer:/view/type]`);
  if (issues.length > 0) throw invalidArguments(issues);
  return view;
}
