/**
 * Finds where personal data is stored: scans every text, varchar, json and jsonb column of every
 * table in `public` for each needle (case-insensitive). Used to prove `/forget` leaves nothing.
 *
 * @example
 * expect(await findPersonalData(store, ['Hoàng Yến', '912345678'])).toEqual([]);
 */
import type { SqlStore } from '../../src/store/store.js';

export interface PersonalDataHit {
  table: string;
  column: string;
  needle: string;
  count: number;
}

/** Every (table, column, needle) with at least one row containing the needle. */
export async function findPersonalData(store: SqlStore, needles: readonly string[]): Promise<PersonalDataHit[]> {
  const columns = await store.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')
      order by 1, 2`,
  );
  const hits: PersonalDataHit[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const [row] = await store.query<{ n: number }>(
        `select count(*)::int as n from public."${table}" where "${column}"::text ilike '%' || $1 || '%'`,
        [needle],
      );
      if (row && row.n > 0) hits.push({ table, column, needle, count: row.n });
    }
  }
  return hits;
}
