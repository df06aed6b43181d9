import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { customerImport } from '../../src/customers/customer-csv.ts';
import { importCsv } from '../../src/db/csv-import.ts';
import { formatProblem, readCsvRecords } from '../../src/db/csv-records.ts';
import { customers } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const header =
  'code,name,credit_limit,outstanding,credit_stop,payment_methods,tier,account_owner_id,connect_channel_id';
const csv = (...rows: string[]) => [header, ...rows].join('\r\n');
const problemsOf = (text: string) => {
  const read = readCsvRecords(text, customerImport.spec);
  return read.ok ? [] : read.problems.map(formatProblem);
};

describe('checking a customers CSV', () => {
  it('names unknown, missing and repeated columns, and reads no rows', () => {
    const text = 'code,Name,limit,tier,tier\nACME,Acme,1,gold,gold';
    expect(problemsOf(text)).toEqual([
      `line 1: unknown column "limit"; the columns are ${header.replaceAll(',', ', ')}`,
      'line 1: column tier is named twice',
      'line 1: missing column credit_limit',
      'line 1: missing column outstanding',
      'line 1: missing column credit_stop',
      'line 1: missing column payment_methods',
      'line 1: missing column account_owner_id',
      'line 1: missing column connect_channel_id',
    ]);
  });

  it('reports every bad row with its line number, column and reason; columns may come in any order', () => {
    const text = [
      'name,code,credit_limit,outstanding,credit_stop,payment_methods,tier,account_owner_id,connect_channel_id',
      'Good Co,GOOD,100,,no,net30,,,',
      'Bad Co,BAD 1,abc,,,net30,,,',
      '"Multi',
      'line",ML,5,,,net30,,,',
      'Short,SHORT,1',
      'Bad Terms,TERMS,5,-1,perhaps,"net30, bitcoin",gold,dana,',
      'Dup,good,1,,,cod,,,',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 3, column code: "BAD 1" is not a valid customer code: use 1–32 letters, digits, - or _',
      'line 3, column credit_limit: "abc" is not an amount: credit limit takes digits with at most two decimals, like 2500.00',
      'line 4, column name: Name cannot contain line breaks or control characters',
      'line 6: 3 cells, but the header has 9 columns',
      'line 7, column outstanding: Outstanding receivables cannot be negative ("-1")',
      'line 7, column credit_stop: "perhaps" is not yes or no: credit stop takes yes/no or true/false',
      'line 7, column payment_methods: "bitcoin" is not among the payment methods: use prepaid, cod, net15, net30, net60 or letter_of_credit',
      'line 7, column account_owner_id: "dana" is not a Slack user id: account owner takes one like U012ABCDEF',
      'line 8, column code: "GOOD" is also on line 2',
    ]);
  });

  it('says when the file is empty or has no rows', () => {
    expect(problemsOf('')[0]).toMatch(/^line 1: the file is empty; the header names the columns: code,name,/);
    expect(problemsOf(`\uFEFF${header}\r\n`)).toEqual(['line 1: no rows below the header']);
  });
});

describe('importing customers', () => {
  const clock = new ManualClock('2026-11-02T08:00:00Z');

  it('imports nothing when any row is bad', async () => {
    const result = await importCsv(
      database.db,
      customerImport,
      csv('ONE,First,100,,,net30,,,', 'TWO,Second,1e309,,,net30,,,', 'THREE,Third,100,,,net30,,,'),
      clock,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 3,
          column: 'credit_limit',
          message:
            '"1e309" is not an amount: credit limit takes digits with at most two decimals, like 2500.00',
        },
      ],
    });
    expect(await database.db.select().from(customers)).toEqual([]);
  });

  it('refuses a row whose name is blank or only zero-width characters, naming its line', () => {
    const text = csv(
      'BLANK,  ,100,,,net30,,,',
      'ZW,\u200b\u200c,100,,,net30,,,',
      'OK,Fine Co,100,,,net30,,,',
    );
    expect(problemsOf(text)).toEqual([
      'line 2, column name: Name is required',
      'line 3, column name: Name has only invisible characters (zero-width or blank): type one people can read',
    ]);
  });

  it('stores every row of a good file, exactly as typed, then updates by code', async () => {
    const first = `\uFEFF${csv(
      'one,"Ünïcode & Co, ""Ltd"" 🚀",100.5,,yes,"prepaid;net30",gold,U0DANA,C0SHARED',
      'TWO,北京机械有限公司,0,0,,cod,,,',
    )}`;
    expect(await importCsv(database.db, customerImport, first, clock)).toEqual({
      ok: true,
      counts: { added: 2, updated: 0, unchanged: 0 },
    });
    const rows = await database.db.select().from(customers).orderBy(customers.code);
    expect(rows.map((r) => [r.code, r.name, r.creditLimitCents, r.creditStop, r.paymentMethods])).toEqual([
      ['ONE', 'Ünïcode & Co, "Ltd" 🚀', 10_050, true, ['prepaid', 'net30']],
      ['TWO', '北京机械有限公司', 0, false, ['cod']],
    ]);

    clock.advance(60_000);
    const second = csv(
      'TWO,北京机械有限公司,0,0,,cod,,,',
      'THREE,Third,5,,,net60,,,',
      'ONE,Renamed,100.5,,yes,net30 prepaid,gold,U0DANA,C0SHARED',
    );
    expect(await importCsv(database.db, customerImport, second, clock)).toEqual({
      ok: true,
      counts: { added: 1, updated: 1, unchanged: 1 },
    });
    const after = await database.db.select().from(customers).orderBy(customers.code);
    expect(after.map((r) => [r.code, r.name, r.updatedAt.toISOString()])).toEqual([
      ['ONE', 'Renamed', '2026-11-02T08:01:00.000Z'],
      ['THREE', 'Third', '2026-11-02T08:01:00.000Z'],
      ['TWO', '北京机械有限公司', '2026-11-02T08:00:00.000Z'],
    ]);
  });
});
