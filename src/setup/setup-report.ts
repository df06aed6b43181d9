import { upsertSummary } from '../db/upsert-support.ts';
import { formatProblem, type SetupProblem } from './read-setup-file.ts';
import type { SetupOutcome } from './run-setup.ts';

/** A setup file the command refuses: one line per problem, then what happened (nothing). */
export class SetupFileError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'SetupFileError';
  }
}

export function problemLines(fileName: string, problems: readonly SetupProblem[]): string[] {
  const count = problems.length === 1 ? 'the problem' : `the ${problems.length} problems`;
  return [
    ...problems.map((p) => formatProblem(fileName, p)),
    `nothing was changed: fix ${count} above and run again`,
  ];
}

export function setupReportLines(
  fileName: string,
  outcome: Extract<SetupOutcome, { ok: true }>,
  kind: string,
): string[] {
  const { report } = outcome;
  const lines = [
    `set up from ${fileName} (${kind}):`,
    `  ${upsertSummary('departments', report.departments)}`,
    `  ${upsertSummary('people', report.people)}`,
  ];
  if (report.rules) {
    const removed = report.rules.removed ? `, ${report.rules.removed} removed` : '';
    lines.push(`  ${upsertSummary('allocation rules', report.rules)}${removed}`);
  } else lines.push('  allocation rules left as they were (the file has no rules)');
  lines.push(
    report.holidays === null
      ? '  holidays left as they were (the file has no holidays)'
      : `  holidays: ${report.holidays} (restart the bot for its calendar to use them)`,
  );
  if (!outcome.channelsResolved) {
    lines.push(
      'channels were not resolved: SLACK_BOT_TOKEN is not set, so departments keep the channels they had',
      '(new ones have none). Set it and run again to look the channels up.',
    );
  }
  return lines;
}
