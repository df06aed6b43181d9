import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { customers } from '../../src/db/schema.ts';
import { demoPeopleIds } from '../../src/demo/demo-data.ts';
import { createLogger } from '../../src/logger.ts';
import { dataDirSource } from '../../src/sandbox/database-source.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start-sandbox.ts';
import type { SandboxState } from '../../src/sandbox/web/snapshot.ts';
import { eventually } from '../support/intake-world.ts';
import { onPostgres } from '../support/test-database.ts';
import { startTestSandbox } from './sandbox-harness.ts';

/**
 * The sandbox server's API, as the page uses it: one person's state, commands and plain
 * messages, refusals in words, the event stream, and the reset.
 */

const admin = demoPeopleIds.admin;

function client(sandbox: RunningSandbox) {
  return {
    state: async (user = '', open = '') => {
      const res = await fetch(`${sandbox.url}api/state?user=${user}&open=${open}`);
      return { status: res.status, body: (await res.json()) as SandboxState };
    },
    post: async (action: string, body: object) => {
      const res = await fetch(`${sandbox.url}api/${action}`, { method: 'POST', body: JSON.stringify(body) });
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; error?: string; problems?: string[] },
      };
    },
  };
}

/** Reads the event stream until an event of `name` arrives. */
async function nextEvent(
  sandbox: RunningSandbox,
  name: string,
  during: () => Promise<unknown>,
): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(`${sandbox.url}api/events`, { signal: controller.signal });
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no event stream');
  await reader.read();
  const acting = during();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before ${name}`);
      text += new TextDecoder().decode(value);
      const event = text.split('\n\n').find((e) => e.startsWith(`event: ${name}`));
      if (event) return event;
    }
  } finally {
    await acting;
    controller.abort();
  }
}

describe('the sandbox API', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof client>;
  let dm = '';
  beforeAll(async () => {
    ({ sandbox } = await startTestSandbox());
    api = client(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('without a person named, shows the first one: the demo admin, the department channels and the app', async () => {
    const { body } = await api.state();
    expect(body.me).toBe(admin);
    expect(body.people.find((p) => p.id === demoPeopleIds.finance)?.role).toBe('Finance · member');
    expect(body.conversations.map((c) => `${c.kind}:${c.name}`)).toEqual([
      'channel:after-sales',
      'channel:finance',
      'channel:logistics',
      'channel:managers',
      'channel:production',
      'channel:qa',
      'app:orderdesk',
    ]);
    dm = body.conversations.find((c) => c.kind === 'app')?.id ?? '';
    expect(body.hints.map((h) => h.usage)).toContain('/order help');
    expect(body.hints.some((h) => h.usage.startsWith('/order new'))).toBe(true);
  });

  it('/order help is answered privately, in the conversation it was typed in; the stream says so', async () => {
    const event = await nextEvent(sandbox, 'change', () =>
      api.post('command', { user: admin, channel: dm, text: '/order help' }),
    );
    expect(JSON.parse(event.split('data: ')[1] ?? '{}').channels).toContain(dm);
    const { body } = await api.state(admin, dm);
    expect(body.open?.ephemerals.at(-1)?.text).toContain('orderdesk commands');
    const other = await api.state(demoPeopleIds.finance, dm);
    expect(other.body.open).toBeNull();
  });

  it('a plain message is posted as the person, with @mentions as Slack escapes them', async () => {
    const { body: state } = await api.state(demoPeopleIds.finance);
    const finance = state.conversations.find((c) => c.name === 'finance')?.id ?? '';
    await api.post('command', { user: demoPeopleIds.finance, channel: finance, text: 'hi @ada & <team>' });
    const { body } = await api.state(admin, finance);
    expect(body.open?.messages.at(-1)).toMatchObject({
      user: demoPeopleIds.finance,
      text: `hi <@${admin}|ada> &amp; &lt;team&gt;`,
    });
  });

  it('refuses in words what Slack would refuse', async () => {
    expect((await api.post('command', { user: admin, channel: dm, text: '/deploy now' })).body.error).toBe(
      '/deploy is not a valid command. In the sandbox, only /order is.',
    );
    const missing = await api.post('action', {
      user: admin,
      where: { view: 'V0NOTOPEN' },
      block_id: 'b',
      action_id: 'a',
    });
    expect(missing.status).toBe(400);
    expect((await api.post('command', { user: 'nobody', channel: dm, text: '/order' })).status).toBe(400);
    expect((await api.state('U0NOBODY')).status).toBe(404);
  });

  it("a report's charts are drawn in the conversation and its CSV can be downloaded, as Slack serves shared files", async () => {
    await api.post('command', { user: admin, channel: dm, text: '/order report quarter' });
    const files = await eventually(
      async () => {
        const { body } = await api.state(admin, dm);
        const shared = (body.open?.messages ?? []).flatMap(
          (m) => (m.files ?? []) as { id: string; name: string }[],
        );
        return shared.some((f) => f.name === 'report.csv') && shared;
      },
      'the report files',
      20_000,
    );
    const chart = files.find((f) => f.name.endsWith('.png'));
    const csv = files.find((f) => f.name === 'report.csv');
    const png = await fetch(`${sandbox.url}files/${chart?.id}`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');
    const download = await fetch(`${sandbox.url}files/${csv?.id}`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="report.csv"');
    expect(await download.text()).toContain(',');
    expect((await fetch(`${sandbox.url}files/F0NOSUCH`)).status).toBe(404);
  });

  it("the bot's /metrics is open without a token: the sandbox is a local trial", async () => {
    const { desk } = await sandbox.world();
    const res = await fetch(`http://127.0.0.1:${desk.port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('orderdesk_outbox_pending');
  });

  it('a reset starts a fresh world and tells the page', async () => {
    await api.post('command', { user: admin, channel: dm, text: 'before the reset' });
    const event = await nextEvent(sandbox, 'reset', () => api.post('reset', {}));
    expect(event).toContain('event: reset');
    const { body } = await api.state(admin, dm);
    expect(body.open?.messages).toEqual([]);
    expect(body.conversations.map((c) => c.name)).toContain('finance');
  });
});

describe.skipIf(onPostgres)('the sandbox on the embedded database in a folder', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderdesk-sandbox-reset-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const start = (reset = false) =>
    startSandbox({
      config: parseConfig({ LOG_LEVEL: 'error' }),
      source: dataDirSource(dataDir),
      port: 0,
      reset,
      logger: createLogger('error', () => {}),
    });
  const customerCount = async (sandbox: RunningSandbox) => {
    const world = await sandbox.world();
    const [row] = await world.desk.ctx.db.select({ n: sql<number>`count(*)::int` }).from(customers);
    return row?.n ?? 0;
  };

  const financeMessages = async (sandbox: RunningSandbox) => {
    const { body } = await client(sandbox).state(admin, 'C0FINANCE');
    return body.open?.messages.map((m) => m.text) ?? [];
  };

  it('loads the demo on first start only and keeps the channels across restarts; Reset demo and --reset wipe both', async () => {
    let sandbox = await start();
    expect((await sandbox.world()).seeded).toBe(true);
    const world = await sandbox.world();
    await world.desk.ctx.db.delete(customers).where(sql`${customers.code} = 'WALK-IN'`);
    expect(await customerCount(sandbox)).toBe(11);
    await client(sandbox).post('command', {
      user: admin,
      channel: 'C0FINANCE',
      text: 'kept across restarts',
    });
    await sandbox.stop();

    sandbox = await start();
    expect((await sandbox.world()).seeded).toBe(false);
    expect(await customerCount(sandbox)).toBe(11);
    expect(await financeMessages(sandbox)).toEqual(['kept across restarts']);
    await client(sandbox).post('reset', {});
    expect((await sandbox.world()).seeded).toBe(true);
    expect(await customerCount(sandbox)).toBe(12);
    expect(await financeMessages(sandbox)).toEqual([]);
    await (await sandbox.world()).desk.ctx.db.delete(customers).where(sql`${customers.code} = 'WALK-IN'`);
    await client(sandbox).post('command', { user: admin, channel: 'C0FINANCE', text: 'gone after --reset' });
    await sandbox.stop();

    sandbox = await start(true);
    expect((await sandbox.world()).seeded).toBe(true);
    expect(await customerCount(sandbox)).toBe(12);
    expect(await financeMessages(sandbox)).toEqual([]);
    await sandbox.stop();
  }, 180_000);
});

describe('a reset on a database the sandbox may not wipe', () => {
  it('is refused in words, and the sandbox keeps running', async () => {
    const { sandbox } = await startTestSandbox({ wipe: false });
    try {
      const api = client(sandbox);
      const refused = await api.post('reset', {});
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe(
        'Reset works on the embedded database only; the sandbox does not wipe a test database. Unset DATABASE_URL to run it on the embedded database.',
      );
      expect((await api.state()).body.me).toBe(admin);
    } finally {
      await sandbox.stop();
    }
  });
});
