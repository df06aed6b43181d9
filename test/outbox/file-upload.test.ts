import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/charts/render-chart.ts';
import { outbox, slackChannelGates } from '../../src/db/schema.ts';
import { enqueue, type OutboxEntry } from '../../src/outbox/enqueue.ts';
import { dispatcherFor, outboxWorld } from '../support/outbox-harness.ts';

const world = outboxWorld({
  empty: [outbox, slackChannelGates],
  prepare(slack) {
    slack.addUser({ id: 'U0ADA', name: 'ada' });
  },
});

async function drain() {
  const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
  for (let round = 0; round < 60; round++) {
    await dispatcher.runOnce();
    const waiting = await world.database.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.status, 'pending'));
    if (waiting.length === 0) return;
    world.clock.advance(1000);
  }
  throw new Error('the outbox did not drain');
}

const upload = (key: string, filename: string, bytes: Buffer): OutboxEntry => ({
  key,
  channel: 'U0ADA',
  effect: { kind: 'file_upload', v: 1, filename, title: filename, contentBase64: bytes.toString('base64') },
});
const dmOfAda = () => world.slack.workspace.openIm('U0ADA').channel.id;

describe('a file shared through the outbox, in two steps', () => {
  it('a chart: upload URL, the PNG bytes, completed into the DM; a valid PNG of the size asked for', async () => {
    const chart = await renderChart(
      {
        data: { values: [{ week: '2026-11-02', orders: 3 }] },
        mark: 'bar',
        encoding: { x: { field: 'week', type: 'ordinal' }, y: { field: 'orders', type: 'quantitative' } },
      },
      { width: 640, height: 320 },
    );
    await enqueue(world.database.db, world.clock.now(), [upload('chart', 'orders.png', chart.png)]);
    await drain();

    expect(world.slack.callsTo('files.getUploadURLExternal')[0]?.args).toMatchObject({
      filename: 'orders.png',
      length: String(chart.png.length),
    });
    const [file] = world.slack.files.all();
    expect(file).toMatchObject({ png: { width: 640, height: 320 }, channels: [dmOfAda()] });
    expect(world.slack.messages(dmOfAda()).map((m) => m.files?.map((f) => f.id))).toEqual([[file?.id]]);
  });

  it('bytes that are no PNG are refused at the upload URL, and the row is not completed', async () => {
    await enqueue(world.database.db, world.clock.now(), [
      upload('bad', 'chart.png', Buffer.from('<svg></svg>')),
    ]);
    const { dispatcher } = dispatcherFor(world.database.db, world.slack, world.clock);
    await dispatcher.runOnce();

    expect(world.slack.callsTo('files.completeUploadExternal')).toEqual([]);
    const [row] = await world.database.db.select().from(outbox);
    expect(row?.lastError).toContain('HTTP 400');
  });

  it('the completion’s answer is lost: the retry finds the share in the DM and does not share the file again', async () => {
    const csv = Buffer.from('metric,value\norders,5\n');
    await enqueue(world.database.db, world.clock.now(), [upload('csv', 'report.csv', csv)]);
    world.slack.failNext('files.completeUploadExternal', { lostResponse: true });

    await drain();

    expect(world.slack.messages(dmOfAda())).toHaveLength(1);
    expect(world.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(world.slack.callsTo('conversations.history')).toHaveLength(1);
    const [row] = await world.database.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('the same upload enqueued twice is shared once', async () => {
    const csv = Buffer.from('a,b\n');
    await enqueue(world.database.db, world.clock.now(), [upload('same', 'r.csv', csv)]);
    await enqueue(world.database.db, world.clock.now(), [upload('same', 'r.csv', csv)]);
    await drain();
    expect(world.slack.messages(dmOfAda())).toHaveLength(1);
  });
});
