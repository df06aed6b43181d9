import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { addDays, calendarDate } from '../src/calendar.ts';
import { systemClock } from '../src/clock.ts';
import { parseConfig } from '../src/config.ts';
import { orderModal } from '../src/intake/modal/order-modal-ids.ts';
import {
  type AckRow,
  type BotName,
  measureSegment,
  prewarm,
  type Segment,
  startBots,
  summarize,
  type Workload,
} from './ack-latency.ts';
import { onCleanup } from './cleanup.ts';
import type { CpuPlan } from './cpu-affinity.ts';
import type { ClosedLoopResult } from './load-generator.ts';
import { type MachineCpu, startMachineCpu } from './machine-cpu.ts';
import type { BenchOptions } from './options.ts';
import { benchCatalog } from './order-intake.ts';
import { submittedOrderView } from './order-modal-payloads.ts';
import { createScratchDatabase } from './scratch-database.ts';
import {
  BENCH_USER_ID,
  slashCommandBody,
  UNIQUE,
  UniqueBodySigner,
  viewSubmissionBody,
} from './signed-request.ts';

export const SUBMIT_CONCURRENCY = 20;
/** Far enough ahead that no lead time or calendar rule can refuse it. */
const DELIVERY_IN_DAYS = 90;

export interface SubmissionReport {
  /** The floor: the bare Bolt app's `/order help` ack at SUBMIT_CONCURRENCY. */
  bare: AckRow;
  /** orderdesk's `view_submission` of the order modal: review, store, ack. */
  orderdesk: AckRow;
  database: string;
  deliveryDate: string;
  /** Distinct view_submissions sent, pre-warm and warm-ups included. */
  sent: number;
  /** Of those, answered 200. */
  acked: number;
  /** Answers other than 200, socket errors included. */
  notAcked: number;
  /** Answers with a body: a review error or a pushed view, i.e. an order not stored. */
  nonEmptyAcks: number;
  firstNonEmptyAck: string | null;
  /** Orders in orderdesk's database afterwards, by status. */
  stored: Record<string, number>;
  startupMs: Record<BotName, number>;
  /**
   * The whole machine during orderdesk's rounds (every process: the bot, Postgres, the load
   * generator, the fake Slack): cores busy on average, and its CPU time per Submit answered.
   * Null where /proc/stat cannot be read.
   */
  machine: { busyCores: number; cores: number; cpuMsPerSubmit: number } | null;
  /** With --cpu-prof: a V8 profile of orderdesk over its measured rounds (post-ack work included). */
  profile: string | null;
}

/**
 * The order modal's Submit, end to end: a signed view_submission (a distinct view each time, as
 * orderdesk dedupes by view id) from an admin, for the seeded customer and product, reviewed
 * against the database, stored with submitOrder (credit check, confirm, allocate, DM card in the
 * outbox) and acked. Measured against the bare Bolt app's `/order help` at the same concurrency,
 * in alternating rounds like the ack-latency section; both bots are fresh processes of their own.
 */
export async function measureOrderSubmission(opts: BenchOptions, cpus: CpuPlan): Promise<SubmissionReport> {
  const signingSecret = randomBytes(16).toString('hex');
  const scratch = opts.databaseUrl ? await createScratchDatabase(opts.databaseUrl, 'submit') : null;
  const dropScratch = onCleanup(() => scratch?.drop());
  const started = startBots(signingSecret, cpus, {
    bare: {},
    orderdesk: {
      BENCH_ORDERDESK_ADMINS: BENCH_USER_ID,
      BENCH_SEED_CATALOG: '1',
      ...(scratch ? { BENCH_DATABASE_URL: scratch.url } : {}),
    },
  });
  const stopBots = onCleanup(() => started.stop());
  let unpin = () => {};
  try {
    const { bare, orderdesk } = await started.bots;
    unpin = cpus.pinLoadGenerator();

    // orderdesk's business date (its time zone defaults as in orderdesk-server.ts), well ahead.
    const timeZone = parseConfig({}).ORDERDESK_TIMEZONE;
    const deliveryDate = addDays(calendarDate(systemClock.now(), timeZone), DELIVERY_IN_DAYS);
    const view = submittedOrderView(UNIQUE, {
      customer: {
        code: benchCatalog.customer,
        name: 'Bench Industrial',
        paymentMethod: benchCatalog.paymentMethod,
      },
      product: { sku: benchCatalog.product, name: 'Bench widget' },
      quantity: 10,
      spec: 'blue',
      deliveryDate,
    });
    const submissions = new UniqueBodySigner(signingSecret, viewSubmissionBody(view), 'V0B');
    const help = new UniqueBodySigner(signingSecret, slashCommandBody('help'), 'H');
    const submit: Workload = {
      request: `view_submission ${orderModal.callbackId}`,
      concurrency: SUBMIT_CONCURRENCY,
      signer: submissions,
      inspectBodies: true,
    };
    const floor: Workload = { request: '/order help', concurrency: SUBMIT_CONCURRENCY, signer: help };

    const loads: ClosedLoopResult[] = [];
    await prewarm(bare, [help], opts);
    loads.push(...(await prewarm(orderdesk, [submissions], opts, true)));

    const profile = opts.cpuProf
      ? path.join(os.tmpdir(), `orderdesk-bench-submit-${process.pid}.cpuprofile`)
      : null;
    if (profile) orderdesk.startProfile();
    const segments: Record<BotName, Segment[]> = { bare: [], orderdesk: [] };
    const machineRounds: MachineRound[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      for (const bot of round % 2 === 0 ? [bare, orderdesk] : [orderdesk, bare]) {
        const cpu = startMachineCpu();
        const began = performance.now();
        const segment = await measureSegment(bot, bot === bare ? floor : submit, opts);
        const busy = cpu.stop();
        segments[bot.name as BotName].push(segment);
        if (bot === orderdesk)
          machineRounds.push({ busy, ms: performance.now() - began, answered: segment.answered });
      }
    }
    loads.push(...segments.orderdesk.map((s) => s.load));
    await orderdesk.settle();
    if (profile) await orderdesk.stopProfile(profile);
    const stored = await orderdesk.ordersByStatus();

    const acked = loads.reduce((n, l) => n + (l.statuses.get(200) ?? 0), 0);
    return {
      bare: summarize('bare', floor, segments.bare),
      orderdesk: summarize('orderdesk', submit, segments.orderdesk),
      database: scratch ? `Postgres (scratch database ${scratch.name}, pool of 10)` : 'PGlite in memory',
      deliveryDate,
      sent: submissions.issued,
      acked,
      notAcked: submissions.issued - acked,
      nonEmptyAcks: loads.reduce((n, l) => n + l.nonEmptyBodies, 0),
      firstNonEmptyAck: loads.find((l) => l.firstNonEmptyBody)?.firstNonEmptyBody ?? null,
      stored,
      startupMs: { bare: bare.startupMs, orderdesk: orderdesk.startupMs },
      machine: machineOver(machineRounds),
      profile,
    };
  } finally {
    unpin();
    await stopBots();
    await dropScratch();
  }
}

/** The whole machine over one of orderdesk's rounds. */
interface MachineRound {
  busy: MachineCpu | null;
  ms: number;
  answered: number;
}

/** SubmissionReport.machine from orderdesk's rounds: null when any round's counters could not be read. */
function machineOver(rounds: readonly MachineRound[]): SubmissionReport['machine'] {
  const read = rounds.flatMap(({ busy, ms }) => (busy ? [{ busy, ms }] : []));
  const answered = rounds.reduce((n, r) => n + r.answered, 0);
  if (!rounds.length || read.length < rounds.length || !answered) return null;
  const cpuMs = read.reduce((n, { busy, ms }) => n + busy.busyCores * ms, 0);
  const ms = read.reduce((n, r) => n + r.ms, 0);
  return { busyCores: cpuMs / ms, cores: read[0]?.busy.cores ?? 0, cpuMsPerSubmit: cpuMs / answered };
}
