import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { SlackRouter } from '../../src/slack/router.ts';

/**
 * In Socket Mode Bolt's own receiver hands payloads to the router unchecked: the router checks
 * the envelope itself. The middleware is called here as Bolt calls it.
 */
function installed(router: SlackRouter) {
  let middleware: ((args: unknown) => Promise<void>) | undefined;
  router.install({ use: (fn: (args: unknown) => Promise<void>) => (middleware = fn) } as unknown as App);
  return (body: unknown) => {
    const acks: unknown[] = [];
    const args = { body, context: {}, ack: async (answer?: unknown) => void acks.push(answer ?? null) };
    return middleware?.(args).then(() => acks);
  };
}

const team = { id: 'T0HOME' };
const user = { id: 'U0DANA', team_id: 'T0HOME' };

describe('the router without the HTTP front door (Socket Mode)', () => {
  const handled: string[] = [];
  const router = new SlackRouter();
  router.action('go', async ({ ack }) => {
    handled.push('go');
    await ack();
  });
  const send = installed(router);

  it('a click with `actions: []` or without a team is acknowledged once and reaches no handler', async () => {
    for (const body of [
      { type: 'block_actions', team, user, actions: [] },
      { type: 'block_actions', user, actions: [{ type: 'button', action_id: 'go' }] },
      { type: 'block_actions', team, user: null, actions: [{ type: 'button', action_id: 'go' }] },
    ]) {
      expect(await send(body)).toEqual([null]);
    }
    expect(handled).toEqual([]);
  });

  it('a well-formed click reaches its handler', async () => {
    expect(
      await send({ type: 'block_actions', team, user, actions: [{ type: 'button', action_id: 'go' }] }),
    ).toEqual([null]);
    expect(handled).toEqual(['go']);
  });
});
