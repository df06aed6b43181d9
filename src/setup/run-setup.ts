import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { departments, people } from '../db/schema.ts';
import type { ChannelLookup } from '../demo/seed-demo-data.ts';
import { applySetup, type SetupReport } from './apply-setup.ts';
import { checkSetup, type ExistingSetup } from './check-setup.ts';
import { readSetupFile, type SetupProblem } from './read-setup-file.ts';

export interface SetupOptions {
  clock: Clock;
  /** Null when there is no workspace to ask: departments keep the channels they have. */
  channels: ChannelLookup | null;
}

export type SetupOutcome =
  | { ok: true; report: SetupReport; channelsResolved: boolean }
  | { ok: false; problems: SetupProblem[] };

/**
 * Applies a setup file, or reports every problem in it with its line and writes nothing. The
 * workspace is asked for the channels before the transaction: no Slack call holds it open.
 */
export async function runSetup(db: Db, text: string, opts: SetupOptions): Promise<SetupOutcome> {
  const read = readSetupFile(text);
  if (!read.ok) return read;
  const { file, lineOf } = read.setup;
  const names = [
    ...new Set([...file.departments.map((d) => d.channel), ...Object.values(file.channels ?? {})]),
  ];
  const channels = opts.channels && names.length ? await opts.channels(names) : null;
  const check = checkSetup(file, await existingSetup(db), channels);
  if (check.problems.length) {
    const problems = check.problems.map((p) => ({ ...p, line: lineOf(p.path) }));
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  }
  const report = await applySetup(db, { file, rules: check.rules, channels, now: opts.clock.now() });
  return { ok: true, report, channelsResolved: channels !== null || names.length === 0 };
}

async function existingSetup(db: Db): Promise<ExistingSetup> {
  const [depts, folks] = await Promise.all([
    db.select({ key: departments.key, name: departments.name }).from(departments),
    db
      .select({ id: people.slackUserId, departmentKey: departments.key, roles: people.roles })
      .from(people)
      .leftJoin(departments, eq(departments.id, people.departmentId)),
  ]);
  return { departments: depts, people: folks };
}
