import type { Logger } from '@slack/bolt';
import { asView } from '../blocks/block-kit.ts';
import type { CommandRequest } from './subcommand.ts';

/** Slack's names for a trigger that opened a view already (the guide's and the method pages'). */
const exchanged = new Set(['exchanged_trigger_id', 'trigger_exchanged']);

/**
 * What to tell a person whose form did not open. A trigger used already means the form opened
 * from it: Slack redelivered the command, or the person pressed Enter twice. The first form is
 * on their screen, so nothing is said. Only an expired or unknown trigger is worth a word.
 */
export async function toldFormDidNotOpen(
  error: unknown,
  logger: Logger,
  what: string,
  tell: (text: string) => Promise<unknown>,
): Promise<void> {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  if (typeof code === 'string' && exchanged.has(code)) {
    logger.info(`${what} is open already: its trigger was used before`);
    return;
  }
  logger.warn(`could not open ${what}`, error);
  await tell(`:hourglass: ${capitalised(what)} could not open in time. Please run the command again.`);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A command that opens a form: acknowledged first, then the form, or words if it did not open. */
export async function openFromCommand(
  req: CommandRequest,
  logger: Logger,
  what: string,
  view: () => Promise<object>,
): Promise<void> {
  await req.acknowledge();
  try {
    await req.client.views.open({ trigger_id: req.triggerId, view: asView(await view()) });
  } catch (error) {
    await toldFormDidNotOpen(error, logger, what, (text) => req.reply({ text }));
  }
}
