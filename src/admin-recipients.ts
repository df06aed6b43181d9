import { arrayContains } from 'drizzle-orm';
import type { DbOrTx } from './db/client.ts';
import { people } from './db/schema.ts';

/**
 * Everyone who hears about trouble nobody else can fix: people with the admin role on record,
 * and the admins named in ORDERDESK_ADMINS (who may not be on record yet), each once.
 */
export async function adminRecipients(tx: DbOrTx, configAdmins: readonly string[]): Promise<string[]> {
  const onRecord = await tx
    .select({ id: people.slackUserId })
    .from(people)
    .where(arrayContains(people.roles, ['admin']));
  return [...new Set([...onRecord.map((a) => a.id), ...configAdmins])];
}
