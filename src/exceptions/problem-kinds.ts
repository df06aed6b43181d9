import type { Severity } from '../config.ts';

/** What can go wrong with an order, and how badly: the words of the Report problem form. */
export const problemTypes = {
  production_delay: 'Production delay',
  quality_problem: 'Quality problem',
  material_shortage: 'Material shortage',
  logistics_delay: 'Logistics delay',
  payment_issue: 'Payment issue',
  customer_request: 'Customer request',
  other: 'Other',
} as const;
export type ProblemType = keyof typeof problemTypes;

// Severities are listed once, in config.ts, whose SLA setting names them too.
export { type Severity, severities } from '../config.ts';

/** The mark lists and cards show each severity by. */
export const severityMarks: Readonly<Record<Severity, string>> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
};

/** A type stored by another version is shown as stored rather than hidden. */
export const describeProblemType = (type: string): string =>
  type in problemTypes ? problemTypes[type as ProblemType] : type;

/** "critical quality problem", "low problem": a problem as a sentence names it. */
export function problemWords(problem: { severity: string; type: string }): string {
  const kind = problem.type === 'other' ? 'problem' : describeProblemType(problem.type).toLowerCase();
  return `${problem.severity} ${kind}`;
}
