import { sql } from 'drizzle-orm';
import { type Block, context, plain, section } from '../blocks/block-kit.ts';
import type { DbOrTx } from '../db/client.ts';
import { queryRows, toNumber } from '../db/rows.ts';
import { describeStatus } from '../orders/order-states.ts';
import { openExceptions } from './open-exceptions.ts';
import { describePreference, summarySettingsIds } from './summary-settings-view.ts';
import { isManager, preferenceOf } from './summary-store.ts';

const openStates = [
  'received',
  'confirmed',
  'allocated',
  'in_production',
  'ready',
  'on_hold',
  'shipped',
  'delivered',
];

/** The desk as a manager's Home shows it: open orders by state, overdue, open exceptions. */
export async function deskState(db: DbOrTx, today: string) {
  const [byState, [late], exceptions] = await Promise.all([
    queryRows<{ status: unknown; n: unknown }>(
      db,
      sql`select status, count(*) as n from orders where status in (${sql.join(
        openStates.map((s) => sql`${s}`),
        sql`, `,
      )}) group by status`,
    ),
    queryRows<{ n: unknown }>(
      db,
      sql`select count(*) as n from orders
        where status in ('received', 'confirmed', 'allocated', 'in_production', 'ready', 'on_hold')
          and delivery_date < ${today}::date`,
    ),
    openExceptions(db),
  ]);
  const counts = new Map(byState.map((r) => [String(r.status), toNumber(r.n)]));
  return {
    open: openStates.flatMap((s) => (counts.get(s) ? [{ status: s, count: counts.get(s) ?? 0 }] : [])),
    overdue: toNumber(late?.n ?? 0),
    exceptions: exceptions.length,
  };
}

/**
 * The blocks on top of a manager's (or an admin's) Home: the desk's state, and for a manager
 * their summary with a button to change it.
 */
export async function deskHomeBlocks(db: DbOrTx, userId: string, today: string): Promise<Block[]> {
  const [state, preference, manager] = await Promise.all([
    deskState(db, today),
    preferenceOf(db, userId),
    isManager(db, userId),
  ]);
  const open = state.open.length
    ? state.open.map((s) => `${describeStatus(s.status)} ${s.count}`).join(' · ')
    : 'no open orders';
  const desk = section(
    `*The desk* · ${open}\n*Overdue* ${state.overdue} · *Open exceptions* ${state.exceptions}`,
    'home.desk',
  );
  if (!manager) return [desk];
  return [
    desk,
    {
      type: 'actions',
      block_id: 'home.summary',
      elements: [
        {
          type: 'button',
          action_id: summarySettingsIds.homeButton,
          text: plain('Summaries'),
          value: 'summaries',
        },
      ],
    },
    context([`You get ${describePreference(preference)}.`]),
  ];
}
