import type { z } from 'zod';
import type { Block } from '../blocks/block-kit.ts';
import type { KeyedTable } from './record-table.ts';

/** Every kind of record has a name people know it by, besides its key. */
export interface NamedRecord {
  name: string;
}

/**
 * A kind of record admins keep through a form, a CSV import and `/order <noun> …`: customers,
 * products. What differs by kind is said here once; the use cases, the import and the Slack
 * surface built from it are shared.
 */
export interface RecordKind<Row extends NamedRecord, Input> {
  /** One, as messages and the subcommand call it: `customer`. */
  noun: string;
  /** Several, as role refusals and import summaries say: `customers`. */
  plural: string;
  table: KeyedTable<Row, Input>;
  /** Checks typed values into what is stored: the form's and, with the same rule, a CSV row's. */
  schema: z.ZodType<Input>;
  /** The record at a glance; the first block is a header, which the saved DM replaces. */
  card(record: Row): Block[];
}

/** "customer" → "Customer", to start a sentence with. */
export const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);
