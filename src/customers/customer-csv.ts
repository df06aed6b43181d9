import type { CsvImport } from '../db/csv-import.ts';
import { type CustomerInput, customerColumns, customerInputSchema } from './customer-input.ts';
import { upsertCustomers } from './upsert-customers.ts';

/**
 * Customers from CSV: one column per form field (code, name, credit_limit, outstanding,
 * credit_stop, payment_methods, tier, account_owner_id, connect_channel_id), checked by the
 * form's own schema. payment_methods lists several separated by spaces, commas or semicolons.
 */
export const customerImport: CsvImport<CustomerInput> = {
  what: 'customers',
  spec: { columns: customerColumns, keyColumn: 'code', schema: customerInputSchema, key: (c) => c.code },
  store: upsertCustomers,
};
