import { customerFields } from './customer-input.ts';
import { customerRecords } from './customer-records.ts';
import { recordCsvImport } from './record-csv.ts';

/**
 * Customers from CSV: one column per form field (code, name, credit_limit, outstanding,
 * credit_stop, payment_methods, tier, account_owner_id, connect_channel_id), checked by the
 * form's own schema. payment_methods lists several separated by spaces, commas or semicolons.
 */
export const customerImport = recordCsvImport(customerRecords, customerFields);
