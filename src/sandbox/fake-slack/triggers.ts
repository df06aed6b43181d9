import type { Clock } from '../../clock.ts';
import { SlackApiError } from './errors.ts';
import type { IdFactory } from './ids.ts';

/** "Triggers expire in three seconds" and "may only be used once" (api.slack.com/interactivity/handling). */
export const TRIGGER_TTL_MS = 3000;

interface Trigger {
  user: string;
  issuedAt: number;
  used: boolean;
}

export class TriggerStore {
  readonly #triggers = new Map<string, Trigger>();

  constructor(
    private readonly clock: Clock,
    private readonly ids: IdFactory,
  ) {}

  issue(userId: string): string {
    const id = this.ids.triggerId();
    this.#triggers.set(id, { user: userId, issuedAt: this.clock.now().getTime(), used: false });
    return id;
  }

  /** Spends a trigger and returns the user it was issued for; the modal opens for that user. */
  exchange(triggerId: string | undefined): string {
    const trigger = triggerId === undefined ? undefined : this.#triggers.get(triggerId);
    if (!trigger) throw new SlackApiError('invalid_trigger_id');
    if (trigger.used) throw new SlackApiError('exchanged_trigger_id');
    if (this.clock.now().getTime() - trigger.issuedAt > TRIGGER_TTL_MS) {
      throw new SlackApiError('expired_trigger_id');
    }
    trigger.used = true;
    return trigger.user;
  }
}
