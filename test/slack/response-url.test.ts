import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { type FakeSlack, RESPONSE_URL_USES, startFakeSlack } from '../../src/sandbox/fake-slack/index.ts';
import { ResponseUrlError, responder } from '../../src/slack/response-url.ts';

let slack: FakeSlack;

beforeEach(async () => {
  slack = await startFakeSlack({ clock: new ManualClock() });
  slack.addUser({ id: 'U1', name: 'alice' });
  slack.addChannel({ id: 'C1', name: 'orders', members: ['U1'] });
});

afterEach(() => slack.stop());

describe("a handler's respond()", () => {
  it('posts the reply to the response_url, as text or as a message', async () => {
    const respond = responder(slack.issueResponseUrl({ channel: 'C1', user: 'U1' }));
    await respond('Only you can see this');
    await respond({ response_type: 'ephemeral', text: 'Page 2', replace_original: false });
    expect(slack.workspace.ephemerals({ channel: 'C1', user: 'U1' }).map((e) => e.text)).toEqual([
      'Only you can see this',
      'Page 2',
    ]);
  });

  it('fails with the status when Slack refuses the post (a used-up url), as Bolt’s respond() does', async () => {
    const respond = responder(slack.issueResponseUrl({ channel: 'C1', user: 'U1' }));
    for (let i = 0; i < RESPONSE_URL_USES; i++) await respond(`#${i}`);
    const refused = await respond('one too many').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ResponseUrlError);
    expect(refused).toMatchObject({ status: 404 });
  });

  it('refuses a url that is not http(s)', async () => {
    await expect(responder('file:///etc/passwd')('x')).rejects.toThrow('must be http(s)');
  });
});
