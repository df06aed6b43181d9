import { randomBytes } from 'node:crypto';
import type { Logger } from '@slack/bolt';
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
  const ref = randomBytes(3).toString('hex');
  logger.error(`unexpected failure (ref ${ref})`, error);
  return { text: `:boom: That failed on our side (ref ${ref}). Nothing was changed; please try again.` };
}
