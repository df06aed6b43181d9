import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import { buildState, type StateInput } from '../../src/sandbox/view-state.ts';
import type { Flow } from './flow.ts';

/** A modal as it will be submitted with `values`, kept to be delivered again after it closed. */
export function filledIn(view: FakeView, values: StateInput): FakeView {
  return { ...view, state: { values: buildState(view.blocks, view.state.values, values) } };
}

/** Slack's retry of a view submission whose answer it did not get: the same payload again. */
export function deliverAgain(flow: Flow, user: string, view: FakeView) {
  return flow.driver.rawPayload({
    type: 'view_submission',
    team: { id: flow.slack.teamId, domain: flow.slack.teamDomain },
    user: { id: user, name: user.toLowerCase(), team_id: flow.slack.teamId },
    api_app_id: flow.slack.appId,
    trigger_id: flow.slack.issueTriggerId(user),
    view,
  });
}
