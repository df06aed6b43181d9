import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { FollowUps } from '../../src/slack/follow-ups.ts';

/** A follow-up that runs until its test lets it finish. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open: () => open() };
}

describe('follow-ups after an ack', () => {
  it('run at most `concurrency` at once, the rest in the order they came, and say when all are done', async () => {
    const followUps = new FollowUps({ logger: createLogger('error', () => {}), concurrency: 2 });
    const started: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    for (const [i, g] of gates.entries()) {
      followUps.run(async () => {
        started.push(i);
        await g.opened;
      });
    }
    expect(started).toEqual([0, 1]);
    expect(followUps.waiting).toBe(2);

    gates[1]?.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);

    for (const g of gates) g.open();
    await followUps.idle();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(followUps.waiting).toBe(0);
  });

  it('past `maxWaiting` waiting, a follow-up runs at once rather than queue without bound', async () => {
    const followUps = new FollowUps({
      logger: createLogger('error', () => {}),
      concurrency: 1,
      maxWaiting: 1,
    });
    const hold = gate();
    const started: string[] = [];
    followUps.run(async () => {
      started.push('first');
      await hold.opened;
    });
    followUps.run(async () => {
      started.push('queued');
    });
    followUps.run(async () => {
      started.push('over the limit');
    });
    expect(started).toEqual(['first', 'over the limit']);
    hold.open();
    await followUps.idle();
    expect(started).toEqual(['first', 'over the limit', 'queued']);
  });

  it('logs a follow-up that fails and goes on with the next', async () => {
    const lines: string[] = [];
    const followUps = new FollowUps({
      logger: createLogger('error', (line) => lines.push(line)),
      concurrency: 1,
    });
    let ran = false;
    followUps.run(() => Promise.reject(new Error('the database went away')));
    followUps.run(async () => {
      ran = true;
    });
    await followUps.idle();
    expect(ran).toBe(true);
    expect(lines.join('\n')).toContain('a follow-up after an ack failed');
  });
});
