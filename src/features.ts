import { allocationCommands, allocationFeature } from './allocation/allocation.slack.ts';
import { rulesCommands, rulesFeature } from './allocation/rules/rules.slack.ts';
import { rolesCommands, rolesFeature } from './auth/auth.slack.ts';
import { changesCommands, changesFeature } from './changes/changes.slack.ts';
import { creditHoldFeature } from './credit/credit-hold.slack.ts';
import { customerMessagesFeature } from './customer-messages/customer-messages.slack.ts';
import { customerCommands, customersFeature } from './customers/customers.slack.ts';
import { forecastCommands, forecastFeature } from './demand-forecast/forecast.slack.ts';
import { exceptionsCommands, exceptionsFeature } from './exceptions/exceptions.slack.ts';
import { followUpFeature } from './followup/followup.slack.ts';
import { holdsCommands, holdsFeature } from './holds/holds.slack.ts';
import { homeFeature } from './home/home.slack.ts';
import { intakeCommands, intakeFeature } from './intake/intake.slack.ts';
import { nudgesFeature } from './nudges/nudges.slack.ts';
import { ordersCommands, ordersFeature } from './orders/orders.slack.ts';
import { productCommands, productsFeature } from './products/products.slack.ts';
import { remindersCommands, remindersFeature } from './reminders/reminders.slack.ts';
import { reportsCommands, reportsFeature } from './reports/reports.slack.ts';
import { settingsCommands, settingsFeature } from './settings/settings.slack.ts';
import type { FeatureDeps, SlackFeature } from './slack/feature.ts';
import { type SubcommandText, textsOf } from './slack/subcommand.ts';
import { summariesCommands, summariesFeature } from './summaries/summaries.slack.ts';

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

/**
 * Every `/order` subcommand's words, in the order `/order help` lists them (the features' order
 * above): data, so the sandbox's hints read them without building a feature.
 */
export const subcommandTexts: readonly SubcommandText[] = [
  intakeCommands,
  ordersCommands,
  changesCommands,
  holdsCommands,
  allocationCommands,
  exceptionsCommands,
  remindersCommands,
  reportsCommands,
  rulesCommands,
  customerCommands,
  productCommands,
  forecastCommands,
  rolesCommands,
  settingsCommands,
  summariesCommands,
].flatMap(textsOf);
