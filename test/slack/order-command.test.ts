import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Flow, people, startFlow } from '../support/flow.ts';

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(() => flow.stop());

const replyText = (body: unknown) => JSON.stringify(body);

describe('/order as Slack sends it', () => {
  it('a signed `/order help` is answered within 3 s with every subcommand and an example, privately', async () => {
    const res = await flow.driver.command(people.dana, 'help');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    expect(res.problems).toEqual([]);
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    for (const usage of ['/order grant', '/order revoke', 'e.g. `/order grant @dana member production`']) {
      expect(replyText(res.body)).toContain(usage);
    }
  });

  it('`/order` alone shows the same help', async () => {
    const res = await flow.driver.command(people.dana, '');
    expect(replyText(res.body)).toContain('/order grant');
  });

  it('an unknown subcommand gets the help and a "did you mean"', async () => {
    const res = await flow.driver.command(people.dana, 'grnat @dana admin');
    expect(res.status).toBe(200);
    expect(replyText(res.body)).toContain("I don't know `grnat`. Did you mean `/order grant`?");
    expect(replyText(res.body)).toContain('/order revoke');
  });

  it('a request with a bad signature is refused with 401 and reaches no handler', async () => {
    const res = await flow.driver.command(people.dana, 'help', { signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
  });

  it('a request signed 6 minutes ago is refused with 401 (replay protection)', async () => {
    const res = await flow.driver.command(people.dana, 'help', {
      timestamp: Math.floor(Date.now() / 1000) - 360,
    });
    expect(res.status).toBe(401);
  });

  it('GET /healthz says the database answers', async () => {
    const res = await fetch(`http://127.0.0.1:${flow.desk.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ db: 'up' });
  });
});
