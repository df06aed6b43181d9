import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

/**
 * The person's own time zone from their Slack profile, so "on 2026-12-24 09:30" means nine
 * thirty on their wall clock; the business zone when Slack does not say or names a zone this
 * runtime does not know.
 */
export async function personTimeZone(
  client: WebClient,
  userId: string,
  fallback: string,
  logger: Logger,
): Promise<string> {
  try {
    const { user } = await client.users.info({ user: userId });
    const tz = user?.tz;
    if (tz && isKnownTimeZone(tz)) return tz;
  } catch (error) {
    logger.warn('could not look up a person’s time zone; using the business zone', error);
  }
  return fallback;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
