import { eq, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import type { FakeView } from '../../src/sandbox/fake-slack/index.ts';
import type { Flow } from '../support/flow.ts';

/**
 * What the customer and product form tests share: a command that opens a form, and the row a
 * form stored, read straight from its table rather than through the code under test.
 */

/** What a command answered, as the person reads it. */
export const said = (body: unknown) => (body as { text?: string }).text ?? '';

/** Runs a command that must open a form (and answer nothing else), and returns the form. */
export async function openForm(flow: Flow, user: string, text: string): Promise<FakeView> {
  const res = await flow.driver.command(user, text);
  expect(res.problems).toEqual([]);
  expect(said(res.body)).toBe('');
  const view = flow.slack.views.top(user);
  if (!view) throw new Error(`no form was opened: ${said(res.body)}`);
  return view;
}

export async function storedRow<T extends PgTable>(
  flow: Flow,
  table: T,
  keyColumn: PgColumn,
  key: string,
): Promise<InferSelectModel<T> | undefined> {
  // drizzle cannot type a query on a table that is a type parameter; the row is still T's.
  const plain: PgTable = table;
  const [row] = await flow.database.db.select().from(plain).where(eq(keyColumn, key));
  return row as InferSelectModel<T> | undefined;
}
