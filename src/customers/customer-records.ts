import { customers } from '../db/schema.ts';
import { customerCard } from './customer-card.ts';
import { type CustomerInput, customerInputSchema } from './customer-input.ts';
import type { RecordKind } from './record-kind.ts';
import { keyedTable } from './record-table.ts';

/** Customers, found by their code. */
export const customerRecords: RecordKind<typeof customers.$inferSelect, CustomerInput> = {
  noun: 'customer',
  plural: 'customers',
  table: keyedTable(customers, 'code'),
  schema: customerInputSchema,
  card: customerCard,
};
