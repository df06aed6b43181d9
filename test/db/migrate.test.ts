import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { queryRows } from '../../src/db/rows.ts';
import { createTestDatabase, onPostgres } from '../support/test-database.ts';

const coreTables = [
  'allocation_rules',
  'assignments',
  'customer_messages',
  'customers',
  'department_loads',
  'departments',
  'desk_channels',
  'exceptions',
  'handled_events',
  'holidays',
  'home_customer_picks',
  'intake_drafts',
  'order_change_approvals',
  'order_changes',
  'order_events',
  'order_feedback',
  'order_lines',
  'order_number_counters',
  'orders',
  'outbox',
  'outbox_file_uploads',
  'outbox_instances',
  'people',
  'person_time_zones',
  'products',
  'recurring_schedules',
  'report_runs',
  'routing_revision',
  'scheduled_jobs',
  'shipments',
  'slack_channel_gates',
  'slack_messages',
  'summary_preferences',
  'weekly_insights',
];

describe('migrations', () => {
  it('create the core model, and running them again changes nothing', async () => {
    const database = await createTestDatabase();
    try {
      await migrateDatabase(database);
      const tables = await queryRows<{ table_name: string }>(
        database.db,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(coreTables);
      const applied = await queryRows<{ n: unknown }>(
        database.db,
        sql`select count(*) as n from drizzle.__drizzle_migrations`,
      );
      expect(Number(applied[0]?.n)).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it.runIf(onPostgres)(
    'three instances starting together on one empty Postgres all come up, migrated once',
    async () => {
      const empty = await createTestDatabase({ migrate: false });
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: empty.url ?? '', max: 2 })),
      );
      try {
        await Promise.all(instances.map((db) => migrateDatabase(db)));
        const rows = await queryRows<{ n: unknown }>(
          empty.db,
          sql`select count(*) as n from drizzle.__drizzle_migrations`,
        );
        const journal = await import('../../drizzle/meta/_journal.json', { with: { type: 'json' } });
        expect(Number(rows[0]?.n)).toBe(journal.default.entries.length);
      } finally {
        await Promise.all(instances.map((db) => db.close()));
        await empty.close();
      }
    },
  );
});
