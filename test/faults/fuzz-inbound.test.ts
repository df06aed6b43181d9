import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFeatures } from '../../src/features.ts';
import { createLogger } from '../../src/logger.ts';
import type { DriverResponse } from '../../src/sandbox/slack-driver.ts';
import { SlackRouter } from '../../src/slack/router.ts';
import { type Flow, people, startFlow } from '../support/flow.ts';
import { seedIntakeWorld } from '../support/intake-world.ts';

/**
 * Signed requests with random content on every inbound surface. Whatever arrives, the bot
 * answers well within Slack's 3 seconds, never with a 500, rejects no promise unhandled, never
 * shows a person :boom: for what they typed or clicked, and still answers afterwards.
 */
const RUNS = 100;
const ANSWER_WITHIN_MS = 2000;

let flow: Flow;
let ids: Record<'actions' | 'views' | 'options' | 'shortcuts', string[]>;
let subcommands: string[];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  flow = await startFlow();
  await seedIntakeWorld(flow);
  // The ids the features register, collected on a router of the test's own: what to aim at.
  const router = new SlackRouter();
  const features = slackFeatures({
    ctx: flow.desk.ctx,
    logger: createLogger('error', () => {}),
    loadActor: async () => ({ userId: '', roles: [], departmentId: null, departmentKey: null }),
    checkWorkspace: () => {},
    followUp: () => {},
    afterWrite: () => {},
  });
  for (const feature of features) feature.register?.(router);
  const registered = router.registeredIds();
  const ofKind = (kind: string) =>
    registered.filter((id) => id.startsWith(`${kind}:`)).map((id) => id.slice(kind.length + 1));
  ids = {
    actions: ofKind('action'),
    views: ofKind('view'),
    options: ofKind('options'),
    shortcuts: ofKind('shortcut'),
  };
  subcommands = features.flatMap((f) => f.subcommands ?? []).map((s) => s.name);
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await flow.stop();
});

function answeredWell(res: DriverResponse, what: unknown) {
  const label = JSON.stringify(what).slice(0, 300);
  expect(res.status, label).not.toBe(500);
  expect([200, 400], label).toContain(res.status);
  expect(res.ms, label).toBeLessThan(ANSWER_WITHIN_MS);
  expect(JSON.stringify(res.body), label).not.toContain(':boom:');
}

const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', ' ', '\u0000', '99999999999999999999', '-1', '1:1', 'null', '{}', '<@U0ADMIN>', '%00'),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const who = fc.constantFrom(people.admin, people.dana, people.guest);

function base(type: string, user: string) {
  return {
    type,
    team: { id: flow.slack.teamId, domain: flow.slack.teamDomain },
    user: {
      id: user,
      name: user.toLowerCase(),
      team_id: user === people.guest ? 'T0OTHERORG' : flow.slack.teamId,
    },
    api_app_id: flow.slack.appId,
    token: 'legacy-fixed-value',
    trigger_id: flow.slack.issueTriggerId(user),
  };
}

function aView(callbackId: string, metadata: string, values: Record<string, unknown>) {
  return {
    id: `V0FUZZ${Math.floor(Math.random() * 1e6)}`,
    team_id: flow.slack.teamId,
    type: 'modal',
    callback_id: callbackId,
    private_metadata: metadata,
    blocks: [],
    state: { values },
    hash: '1.a',
  };
}

describe('fuzzing every inbound surface with signed requests', () => {
  it('slash-command text', async () => {
    await fc.assert(
      fc.asyncProperty(who, fc.constantFrom('', ...subcommands), anyText, async (user, sub, text) => {
        const res = await flow.driver.command(user, `${sub} ${text}`.trim());
        answeredWell(res, { sub, text });
      }),
      { numRuns: RUNS },
    );
  });

  it('view_submission state and private_metadata', async () => {
    const values = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.dictionary(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.record({ type: fc.constant('plain_text_input'), value: fc.oneof(anyText, fc.constant(null)) }),
        { maxKeys: 2 },
      ),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        who,
        fc.constantFrom(...ids.views),
        anyText,
        values,
        async (user, callbackId, meta, state) => {
          const payload = { ...base('view_submission', user), view: aView(callbackId, meta, state) };
          answeredWell(await flow.driver.rawPayload(payload), payload);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('block_actions values', async () => {
    await fc.assert(
      fc.asyncProperty(who, fc.constantFrom(...ids.actions), anyText, async (user, actionId, value) => {
        const channel = flow.slack.workspace.openIm(user).channel.id;
        const payload = {
          ...base('block_actions', user),
          container: { type: 'message', message_ts: '1.000001', channel_id: channel, is_ephemeral: false },
          channel: { id: channel, name: 'directmessage' },
          response_url: flow.slack.issueResponseUrl({ channel, user }),
          actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1.0' }],
        };
        answeredWell(await flow.driver.rawPayload(payload), payload);
      }),
      { numRuns: RUNS },
    );
  });

  it('block_suggestion queries', async () => {
    await fc.assert(
      fc.asyncProperty(who, fc.constantFrom(...ids.options), anyText, async (user, actionId, value) => {
        const payload = {
          ...base('block_suggestion', user),
          action_id: actionId,
          block_id: 'b',
          value,
          view: aView('order', '', {}),
        };
        const res = await flow.driver.rawPayload(payload);
        answeredWell(res, payload);
        expect(res.body).toHaveProperty('options');
      }),
      { numRuns: RUNS },
    );
  });

  it('event payloads', async () => {
    const event = fc.oneof(
      anyJson,
      fc.record(
        {
          type: fc.constantFrom('app_home_opened', 'message', 'reaction_added'),
          user: fc.oneof(who, anyJson),
          channel: fc.oneof(fc.constant('D0FUZZ'), anyJson),
          tab: fc.oneof(fc.constantFrom('home', 'messages'), anyJson),
          view: anyJson,
        },
        { requiredKeys: ['type'] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(event, fc.option(anyJson), async (inner, extra) => {
        const body = {
          type: 'event_callback',
          team_id: flow.slack.teamId,
          api_app_id: flow.slack.appId,
          event_id: `Ev0FUZZ${Math.random().toString(36).slice(2)}`,
          event_time: 1,
          event: inner,
          ...(extra === null ? {} : { authorizations: extra }),
        };
        answeredWell(await flow.driver.raw(JSON.stringify(body), 'application/json'), body);
      }),
      { numRuns: RUNS },
    );
  });

  it('interactivity payloads missing optional (or required) fields', async () => {
    const kinds = fc.constantFrom(
      'block_actions',
      'view_submission',
      'view_closed',
      'shortcut',
      'block_suggestion',
    );
    await fc.assert(
      fc.asyncProperty(who, kinds, fc.array(fc.string({ maxLength: 12 })), async (user, type, dropHint) => {
        const full: Record<string, unknown> = {
          ...base(type, user),
          enterprise: null,
          is_enterprise_install: false,
          callback_id: ids.shortcuts[0] ?? 'x',
          action_id: ids.options[0] ?? 'x',
          block_id: 'b',
          value: 'ac',
          view: aView(ids.views[0] ?? 'x', '', {}),
          actions: [
            { type: 'button', action_id: ids.actions[0] ?? 'x', block_id: 'b', value: '1', action_ts: '1' },
          ],
          response_url: flow.slack.issueResponseUrl({ channel: 'D0FUZZ', user }),
        };
        const keys = Object.keys(full);
        for (const hint of dropHint) delete full[keys[hint.length % keys.length] ?? ''];
        answeredWell(await flow.driver.rawPayload(full), full);
      }),
      { numRuns: RUNS },
    );
  });

  it('afterwards: no unhandled rejection, nobody was shown :boom:, and the bot still answers', async () => {
    expect(unhandled).toEqual([]);
    const shown = [people.admin, people.dana, people.guest].flatMap((user) =>
      flow.slack.workspace.ephemerals({ user }).map((e) => e.text),
    );
    expect(shown.filter((text) => text.includes(':boom:'))).toEqual([]);
    const res = await flow.driver.command(people.dana, 'help');
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
  });
});
