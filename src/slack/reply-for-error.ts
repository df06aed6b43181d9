import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
import { ZodError } from 'zod';
import { isAppError } from '../errors.ts';
import type { Reply } from './subcommand.ts';

/**
 * The one place a failure becomes words for the person who acted. Expected refusals are shown
 * as written; anything else is logged with a reference the person can quote.
 */
export function replyForError(error: unknown, logger: Logger): Reply {
  if (isAppError(error)) {
    const icon = error.code === 'forbidden' ? ':no_entry:' : ':warning:';
    return { text: `${icon} ${error.message}` };
  }
  // Parsing at the edge failed: a button value or a form's metadata orderdesk did not write.
  if (error instanceof ZodError) {
    logger.warn('refused a button or form value that does not parse', error.issues.slice(0, 3));
    return { text: `:warning: ${unreadableValueMessage}` };
  }
  const ref = randomBytes(3).toString('hex');
  logger.error(`unexpected failure (ref ${ref})`, error);
  return { text: `:boom: That failed on our side (ref ${ref}). Nothing was changed; please try again.` };
}

export const unreadableValueMessage =
  'That button or form carries a value orderdesk did not make, so nothing was done. Look at the order again (`/order show …`) and use what it shows.';
