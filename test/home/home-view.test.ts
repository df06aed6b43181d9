import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/roles.ts';
import { decodePages, firstPages, pageSize } from '../../src/home/home-pages.ts';
import type { HomeData, HomeItem, HomePage } from '../../src/home/home-queries.ts';
import { buildHomeView } from '../../src/home/home-view.ts';
import { validateView } from '../../src/sandbox/fake-slack/block-kit-limits.ts';

const admin: Actor = { userId: 'U0ADMIN', roles: ['admin'], departmentId: 1, departmentKey: 'production' };

/** Names as long and as full of characters that escaping lengthens as anyone could type. */
const item = (i: number): HomeItem => ({
  number: `SO-2026-${String(i).padStart(6, '0')}`,
  customerName: '<&>'.repeat(100),
  departmentName: '&'.repeat(200),
  status: 'open',
  deliveryDate: '2026-12-01',
  fitsOn: '2026-12-24',
  waitingIn: '<'.repeat(300),
  step: { assignmentId: 2_147_483_647, orderVersion: 2_147_483_647 },
});
const full = (page: number, total: number): HomePage => ({
  items: Array.from({ length: pageSize }, (_, i) => item(page * pageSize + i)),
  total,
  page,
});

describe('the App Home view', () => {
  it('full pages of the longest lines in every list still pass Slack’s checks for a Home', () => {
    const data: HomeData = { mine: full(1, 500), unassigned: full(0, 11), needsMe: full(49, 500) };
    const view = buildHomeView(admin, data, '2026-12-10');
    expect(validateView(view)).toEqual([]);
    expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(100);
  });

  it('a Show more button carries every list’s page, with only its own list moved on', () => {
    const data: HomeData = { mine: full(1, 500), unassigned: full(0, 11), needsMe: full(0, 3) };
    const blocks = buildHomeView(admin, data, '2026-12-10').blocks as Record<string, unknown>[];
    const turns = blocks
      .filter((b) => b.type === 'actions' && String(b.block_id).endsWith('.pages'))
      .flatMap((b) => b.elements as { action_id: string; value: string }[]);
    expect(turns.map((t) => [t.action_id, decodePages(t.value)])).toEqual([
      ['home.previous', { mine: 0, unassigned: 0, needsMe: 0 }],
      ['home.more', { mine: 2, unassigned: 0, needsMe: 0 }],
      ['home.more', { mine: 1, unassigned: 1, needsMe: 0 }],
    ]);
  });

  it('a button value that cannot be read shows the first pages', () => {
    expect(decodePages('{"mine":-1}')).toEqual(firstPages);
    expect(decodePages('not json')).toEqual(firstPages);
  });
});
