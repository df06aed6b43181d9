import { allocationFeature } from './allocation/allocation.slack.ts';
import { rulesFeature } from './allocation/rules.slack.ts';
import { rolesFeature } from './auth/auth.slack.ts';
import { changesFeature } from './changes/changes.slack.ts';
import { creditHoldFeature } from './credit/credit-hold.slack.ts';
import { customerMessagesFeature } from './customer-messages/customer-messages.slack.ts';
import { customersFeature } from './customers/customers.slack.ts';
import { forecastFeature } from './demand-forecast/forecast.slack.ts';
import { exceptionsFeature } from './exceptions/exceptions.slack.ts';
import { followUpFeature } from './followup/followup.slack.ts';
import { holdsFeature } from './holds/holds.slack.ts';
import { homeFeature } from './home/home.slack.ts';
import { intakeFeature } from './intake/intake.slack.ts';
import { nudgesFeature } from './nudges/nudges.slack.ts';
import { ordersFeature } from './orders/orders.slack.ts';
import { productsFeature } from './products/products.slack.ts';
import { remindersFeature } from './reminders/reminders.slack.ts';
import { reportsFeature } from './reports/reports.slack.ts';
import { settingsFeature } from './settings/settings.slack.ts';
import type { FeatureDeps, SlackFeature } from './slack/feature.ts';
import { summariesFeature } from './summaries/summaries.slack.ts';

/** Every feature's Slack surface, in the order `/order help` lists their subcommands. */
export function slackFeatures(deps: FeatureDeps): SlackFeature[] {
  return [
    intakeFeature(deps),
    ordersFeature(deps),
    changesFeature(deps),
    holdsFeature(deps),
    creditHoldFeature(deps),
    allocationFeature(deps),
    exceptionsFeature(deps),
    remindersFeature(deps),
    reportsFeature(deps),
    rulesFeature(deps),
    customersFeature(deps),
    productsFeature(deps),
    forecastFeature(deps),
    rolesFeature(deps),
    settingsFeature(deps),
    summariesFeature(deps),
    homeFeature(deps),
    followUpFeature(deps),
    nudgesFeature(deps),
    customerMessagesFeature(deps),
  ];
}
