import * as kit from '../blocks/block-kit.ts';
import { formatCents } from '../money.ts';
import { describeStatus } from '../orders/order-states.ts';
import { capacityRiskLine } from '../routing/capacity-view.ts';
import type { Reply } from '../slack/subcommand.ts';

export interface StatusStep {
  departmentName: string;
  status: string;
  assigneeId: string | null;
  progress: number;
  openedAt: Date | null;
  acceptedAt: Date | null;
  startedAt: Date | null;
  doneAt: Date | null;
  fitsOn: string | null;
}

export interface OrderStatusView {
  number: string;
  status: string;
  customerName: string;
  deliveryDate: string;
  totalCents: number;
  steps: StatusStep[];
  shipment: {
    carrier: string;
    trackingNumber: string;
    expectedDate: string;
    deliveredOn: string | null;
  } | null;
}

const stepWords: Record<string, string> = {
  pending: 'waiting for earlier steps',
  open: 'waiting to be accepted',
  accepted: 'accepted',
  started: 'in progress',
  done: 'done',
  cancelled: 'cancelled',
};

/** `/order status SO-…`: where the order is on its route, who has it, and where the parcel is. */
export function renderOrderStatus(view: OrderStatusView): Reply {
  const status = describeStatus(view.status);
  const steps = view.steps.map((s, i) => {
    const who = s.assigneeId ? kit.mention(s.assigneeId) : s.status === 'pending' ? '—' : '_unassigned_';
    const progress = s.status === 'started' && s.progress ? ` · ${s.progress} %` : '';
    const times = [
      s.openedAt ? `opened ${kit.slackDate(s.openedAt)}` : '',
      s.startedAt ? `started ${kit.slackDate(s.startedAt)}` : '',
      s.doneAt ? `done ${kit.slackDate(s.doneAt)}` : '',
    ].filter(Boolean);
    return `${i + 1}. *${kit.escapeMrkdwn(s.departmentName)}* — ${stepWords[s.status] ?? s.status}${progress} · ${who}${times.length ? `\n      ${times.join(' · ')}` : ''}`;
  });
  const blocks: kit.Block[] = [
    kit.header(`${view.number} · ${view.customerName}`),
    kit.section(`*${status}* · due ${view.deliveryDate} · ${formatCents(view.totalCents)}`),
    kit.section(steps.length ? `*Route*\n${steps.join('\n')}` : '_Not allocated to departments yet._'),
  ];
  const risk = capacityRiskLine(view.steps, view.deliveryDate);
  if (risk) blocks.push(kit.section(`:warning: ${risk}`));
  if (view.shipment) {
    const s = view.shipment;
    blocks.push(
      kit.section(
        `*Shipping*\n${kit.escapeMrkdwn(s.carrier)} · tracking \`${kit.escapeMrkdwn(s.trackingNumber)}\` · expected ${s.expectedDate}` +
          (s.deliveredOn ? ` · delivered ${s.deliveredOn}` : ''),
      ),
    );
  }
  return { text: `${view.number}: ${status}`, blocks };
}

export interface QueueItem {
  number: string;
  customerName: string;
  departmentName: string;
  status: string;
  assigneeId: string | null;
  deliveryDate: string;
}

/** `/order queue`: open work by delivery date, overdue first (it sorts first by date anyway). */
export function renderQueue(title: string, items: readonly QueueItem[], today: string): Reply {
  if (!items.length) return { text: `${title}: nothing open.` };
  const lines = items.map((q) => {
    const overdue = q.deliveryDate < today ? ' :red_circle: *overdue*' : '';
    const who = q.assigneeId ? kit.mention(q.assigneeId) : '_unassigned_';
    return `*${q.number}* · ${kit.escapeMrkdwn(q.customerName)} · ${kit.escapeMrkdwn(q.departmentName)} · ${stepWords[q.status] ?? q.status} · ${who} · due ${q.deliveryDate}${overdue}`;
  });
  return {
    text: `${title}: ${items.length} open`,
    blocks: [
      kit.section(`*${kit.escapeMrkdwn(title)}*`),
      kit.section(lines.join('\n')),
      kit.context([`${items.length} open, due first`]),
    ],
  };
}
