import { type Block, context, escapeMrkdwn, plain, section, truncate } from '../blocks/block-kit.ts';
import { describeStatus } from '../orders/order-states.ts';
import { encodePages, type HomeList, type HomePages, pageSize } from './home-pages.ts';
import type { HomeData, HomeItem } from './home-queries.ts';

/** The buttons that turn a list's pages; their value is the pages the Home shows next. */
export const homePageActions = { more: 'home.more', previous: 'home.previous' } as const;
/** Open on a Home entry: the order's card in a modal; its value is the order number. */
export const homeOpenAction = 'home.open';
/** Accept on a Home entry is the card's own Accept, with the same value, so one handler guards both. */
const acceptAction = 'step.accept';

/** Each entry acts where it is: Accept for a step waiting to be taken, Open for the rest. */
function entry(list: HomeList, item: HomeItem, today: string): Block {
  const accept = item.step && item.status === 'open';
  return {
    ...section(line(item, today), `home.${list}.${item.number}`),
    accessory: accept
      ? {
          type: 'button',
          action_id: acceptAction,
          text: plain('Accept'),
          style: 'primary',
          value: `${item.step?.assignmentId}:${item.step?.orderVersion}`,
        }
      : { type: 'button', action_id: homeOpenAction, text: plain('Open'), value: item.number },
  };
}

const stepWords: Record<string, string> = { open: 'to accept', accepted: 'accepted', started: 'in progress' };

/*
 * Names are cut short so that a page of lines stays far below a section's 3,000 characters
 * even when escaping lengthens them.
 */
const name = (text: string, max: number) => escapeMrkdwn(truncate(text, max));

function line(item: HomeItem, today: string): string {
  const what = item.departmentName
    ? `${name(item.departmentName, 30)} · ${stepWords[item.status] ?? item.status}`
    : describeStatus(item.status);
  const notes = [
    item.deliveryDate < today ? ':red_circle: *overdue*' : '',
    item.fitsOn ? `:warning: capacity: fits by ${item.fitsOn}` : '',
    item.waitingIn ? `nobody to take it in ${name(item.waitingIn, 60)}` : '',
  ].filter(Boolean);
  const due = `due ${item.deliveryDate}${notes.length ? ` ${notes.join(' · ')}` : ''}`;
  return `*${item.number}* · ${name(item.customerName, 40)} · ${what} · ${due}`;
}

/**
 * One list of the Home: its title with the count, a page of lines, and when it is longer than a
 * page, where the page is and buttons to the next and the previous one.
 */
export function listBlocks(
  list: HomeList,
  title: string,
  data: HomeData,
  today: string,
  empty: string,
): Block[] {
  const { items, total, page } = data[list];
  const blocks: Block[] = [section(`*${title}*${total ? ` (${total})` : ''}`)];
  if (!items.length) return [...blocks, context([empty])];
  blocks.push(...items.map((i) => entry(list, i, today)));
  if (total <= pageSize) return blocks;
  const first = page * pageSize + 1;
  const last = page * pageSize + items.length;
  const left = total - last;
  blocks.push(context([`Showing ${first}–${last} of ${total}${left > 0 ? ` · ${left} more` : ''}`]));
  const shown = shownPages(data);
  const turn = (text: string, actionId: string, to: number) => ({
    type: 'button',
    action_id: actionId,
    text: plain(text),
    value: encodePages({ ...shown, [list]: to }),
  });
  blocks.push({
    type: 'actions',
    block_id: `home.${list}.pages`,
    elements: [
      ...(page > 0 ? [turn('Previous', homePageActions.previous, page - 1)] : []),
      ...(left > 0 ? [turn('Show more', homePageActions.more, page + 1)] : []),
    ],
  });
  return blocks;
}

function shownPages(data: HomeData): HomePages {
  return { mine: data.mine.page, unassigned: data.unassigned.page, needsMe: data.needsMe.page };
}
