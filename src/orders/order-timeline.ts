import { escapeMrkdwn, mention, slackDate, truncate } from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import { plural } from '../wording.ts';
import { describeStatus } from './order-states.ts';

export interface TimelineEntry {
  type: string;
  actor: string;
  at: Date;
  data: unknown;
}

/** A long problem note is cut short in the timeline, so the newest lines still fit one section. */
const noteInTimeline = 300;

/** One line per event, oldest first: who did what, when. Unknown event types still show. */
export function timelineLines(events: readonly TimelineEntry[]): string[] {
  return events.map((e) => `${slackDate(e.at)} · ${who(e.actor)} ${describe(e)}`);
}

/** A person is mentioned; orderdesk itself (a scheduled job) is named. */
function who(actor: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(actor) ? mention(actor) : escapeMrkdwn(actor);
}

function describe(e: TimelineEntry): string {
  const data = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'received':
      return `entered the order (${plural(Number(data.lineCount), 'line', 'lines')}, ${formatCents(Number(data.totalCents))})`;
    case 'reviewed': {
      const findings = (data.findings as { message: string }[] | undefined) ?? [];
      return findings.length
        ? `confirmed past ${plural(findings.length, 'warning', 'warnings')}: ${findings.map((f) => escapeMrkdwn(f.message)).join('; ')}`
        : 'reviewed it: no findings';
    }
    case 'credit_checked':
      return data.verdict === 'ok'
        ? `credit check passed (exposure ${formatCents(Number(data.exposureCents))} of ${formatCents(Number(data.limitCents))})`
        : `credit check held it: ${escapeMrkdwn(String(data.message ?? data.reason))}`;
    case 'credit_decided':
      return `${data.decision} the credit${data.reason ? `: ${escapeMrkdwn(String(data.reason))}` : ''}`;
    case 'status_changed': {
      const after = String(data.after);
      const word = describeStatus(after);
      return `→ *${word}*${data.reason ? `: ${escapeMrkdwn(String(data.reason))}` : ''}`;
    }
    case 'problem_reported':
      return `reported ${data.severity ? `a ${String(data.severity)} ` : 'a '}problem in ${escapeMrkdwn(String(data.departmentName))}: ${escapeMrkdwn(truncate(String(data.note), noteInTimeline))}`;
    case 'problem_acknowledged':
      return 'acknowledged the problem';
    case 'problem_escalated':
      return `escalated the unacknowledged problem to ${((data.to as string[] | undefined) ?? []).map(mention).join(', ') || 'nobody (no manager set)'}`;
    case 'problem_resolved':
      return `resolved the problem: ${escapeMrkdwn(truncate(String(data.rootCause), noteInTimeline))}${data.newDeliveryDate ? ` · new delivery date ${String(data.newDeliveryDate)}` : ''}`;
    case 'change_requested':
      return `asked to ${data.kind === 'cancel' ? 'cancel it' : 'change it'}: ${escapeMrkdwn(truncate(String(data.reason), noteInTimeline))}`;
    case 'change_decided':
      return `${data.decision} the change for ${escapeMrkdwn(String(data.department))}${data.reason ? `: ${escapeMrkdwn(String(data.reason))}` : ''}`;
    case 'revised': {
      const diff = (data.diff as { field: string; before: string; after: string }[] | undefined) ?? [];
      const fields = diff.map(
        (d) => `${escapeMrkdwn(d.field)} ${escapeMrkdwn(d.before)} → ${escapeMrkdwn(d.after)}`,
      );
      return `→ *revision ${data.revision}*: ${fields.join('; ')}`;
    }
    case 'feedback_logged': {
      const reasons = (data.reasons as string[] | undefined) ?? [];
      return (
        `logged the customer's feedback: ★${data.rating}` +
        (reasons.length ? ` (${reasons.map((r) => r.replaceAll('_', ' ')).join(', ')})` : '') +
        (data.comment ? `: ${escapeMrkdwn(truncate(String(data.comment), noteInTimeline))}` : '') +
        (data.needsFollowUp ? ' · needs follow-up' : '')
      );
    }
    case 'customer_message_sent':
      return (
        `${data.channel ? `told the customer in <#${String(data.channel)}>` : 'gave the customer a message (copied)'}: ` +
        `“${escapeMrkdwn(truncate(String(data.text), noteInTimeline))}”`
      );
    default:
      return escapeMrkdwn(e.type.replaceAll('_', ' '));
  }
}
