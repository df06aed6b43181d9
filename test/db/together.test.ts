import { describe, expect, it } from 'vitest';
import { together } from '../../src/db/together.ts';
import { sqlState } from '../support/error-chain.ts';
import { keyedOrders } from '../support/keyed-orders.ts';

const { db, anOrder, stored } = keyedOrders();

describe('statements of one transaction sent together', () => {
  it("give each answer in its statement's place, and commit them all", async () => {
    const [first, second] = await db().transaction((tx) =>
      together(anOrder(tx, 'together:a'), anOrder(tx, 'together:b')),
    );
    expect([first.intakeKey, second.intakeKey]).toEqual(['together:a', 'together:b']);
    expect(first.number).not.toBe(second.number);
    expect(await stored('together:b')).toHaveLength(1);
  });

  it('throw the first failure, not the aborted transaction behind it, and store nothing', async () => {
    await anOrder(db(), 'together:taken');
    const attempt = db().transaction((tx) =>
      together(anOrder(tx, 'together:fresh'), anOrder(tx, 'together:taken'), anOrder(tx, 'together:later')),
    );
    // 23505, the unique intake key; the statement after it would say 25P02, transaction aborted.
    expect(await attempt.catch(sqlState)).toBe('23505');
    expect(await stored('together:fresh')).toEqual([]);
    expect(await stored('together:later')).toEqual([]);
  });
});
