import { type Actor, requireRole } from '../auth/roles.ts';
import type { UseCaseContext } from '../context.ts';
import { pickDeskChannel } from '../setup/desk-calendar-store.ts';
import type { DeskChannelPurpose } from './desk-channels-form.ts';

export type NamedChannels = Record<DeskChannelPurpose, { id: string; name: string } | null>;

/** An admin sets the desk's own channels; a purpose left blank has none. Saving twice is the same save. */
export async function saveDeskChannels(
  ctx: UseCaseContext,
  actor: Actor,
  chosen: NamedChannels,
): Promise<void> {
  requireRole(actor, ['admin'], 'set up desk channels');
  await ctx.db.transaction(async (tx) => {
    for (const [purpose, channel] of Object.entries(chosen)) await pickDeskChannel(tx, purpose, channel);
  });
}
