import { rolesFeature } from './auth/auth.slack.ts';
import type { FeatureDeps, SlackFeature } from './slack/feature.ts';

/** Every feature's Slack surface, in the order `/order help` lists their subcommands. */
export function slackFeatures(deps: FeatureDeps): SlackFeature[] {
  return [rolesFeature(deps)];
}
