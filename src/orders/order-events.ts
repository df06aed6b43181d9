import type { OrderAction, OrderStatus } from './order-states.ts';

export interface FindingRecord {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

/**
 * The typed audit trail. Every write to an order appends one of these in the same
 * transaction; the timeline and the reports are read from them.
 */
export type OrderEvent =
  | { type: 'received'; data: { lineCount: number; totalCents: number } }
  /** The review the order passed: the warnings the admin accepted, if any. */
  | { type: 'reviewed'; data: { findings: FindingRecord[] } }
  | {
      type: 'credit_checked';
      data: {
        verdict: 'ok' | 'hold';
        exposureCents: number;
        limitCents: number;
        orderCents: number;
        reason?: 'credit_stop' | 'over_limit';
        message?: string;
      };
    }
  | { type: 'credit_decided'; data: { decision: 'approved' | 'rejected'; reason?: string } }
  | {
      type: 'status_changed';
      data: { action: OrderAction; before: OrderStatus; after: OrderStatus; reason?: string };
    }
  /** Someone reported a problem (exceptions/): its department, and from this version on its kind. */
  | {
      type: 'problem_reported';
      data: {
        department: string;
        departmentName: string;
        note: string;
        exceptionId?: number;
        problemType?: string;
        severity?: string;
        expectedDate?: string;
      };
    }
  | { type: 'problem_acknowledged'; data: { exceptionId: number } }
  /** Nobody acknowledged the problem within its SLA: level 1 its department's manager, 2 every manager. */
  | { type: 'problem_escalated'; data: { exceptionId: number; level: number; to: string[] } }
  | {
      type: 'problem_resolved';
      data: { exceptionId: number; rootCause: string; actionTaken: string; newDeliveryDate?: string };
    }
  /** The owner sent the customer a message: to their Slack Connect channel, or copied (channel null). */
  | {
      type: 'customer_message_sent';
      data: { messageId: number; reason: string; text: string; channel: string | null };
    }
  /** A change or cancellation was sent to the departments it affects (src/changes/). */
  | {
      type: 'change_requested';
      data: { changeId: number; kind: 'change' | 'cancel'; reason: string; approvers: string[] };
    }
  /** A department approved or rejected a change request. */
  | {
      type: 'change_decided';
      data: { changeId: number; department: string; decision: 'approved' | 'rejected'; reason?: string };
    }
  /** A change was applied: the order's new revision and, field by field, what changed. */
  | {
      type: 'revised';
      data: {
        changeId: number;
        revision: number;
        reason: string;
        diff: { field: string; before: string; after: string }[];
      };
    }
  /** The owner logged what the customer said after delivery. */
  | {
      type: 'feedback_logged';
      data: { rating: number; reasons: string[]; comment?: string; needsFollowUp: boolean };
    };

export type OrderEventType = OrderEvent['type'];
