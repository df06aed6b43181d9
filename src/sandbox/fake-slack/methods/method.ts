import type { SlackState } from '../slack-state.ts';
import type { Json } from '../types.ts';

export interface MethodCall {
  args: Json;
  slack: SlackState;
}

/** A Web API method: its handler returns the body after `ok: true`, or throws SlackApiError. */
export interface MethodSpec {
  handler: (call: MethodCall) => Json;
  /** The bot scope Slack checks first; without it the answer is `missing_scope`. */
  scope?: string;
}
