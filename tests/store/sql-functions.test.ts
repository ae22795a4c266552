/**
 * The typed database boundary: `src/store/sql-functions.ts` declares every SQL function of the
 * migrations (name and arguments) and every `store.call` is checked against it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotFoundError } from '../../src/store/errors.js';
import { readSqlFunctions, renderSqlFunctions, SQL_FUNCTIONS_FILE } from '../../src/store/sql-catalog.js';
import { checkCall, type SqlFunctionName } from '../../src/store/store.js';
import { SQL_FUNCTIONS } from '../../src/store/sql-functions.js';
import { pgliteTestStore, postgresTestStore } from '../support/stores.js';

describe('SQL function declarations', () => {
  it('match the migrated catalog exactly (run `uom db types` after changing a function)', async () => {
    const store = await pgliteTestStore();
    try {
      const catalog = await readSqlFunctions(store);
      expect(catalog.length).toBeGreaterThan(100);
      expect(readFileSync(SQL_FUNCTIONS_FILE, 'utf8')).toBe(renderSqlFunctions(catalog));
    } finally {
      await store.close();
    }
  });

  it('match PostgreSQL’s catalog too (same names and arguments)', async () => {
    const pg = await postgresTestStore({ max: 2 });
    if (!pg) return;
    try {
      const catalog = await readSqlFunctions(pg);
      const declared = Object.keys(SQL_FUNCTIONS).sort();
      // pgvector is absent from Debian's PostgreSQL; the same functions exist without it.
      expect(catalog.map((f) => f.name).sort()).toEqual(declared);
      for (const fn of catalog) {
        expect(Object.keys(SQL_FUNCTIONS[fn.name as SqlFunctionName])).toEqual(fn.args.map((a) => a.name));
      }
    } finally {
      await pg.destroy();
    }
  });

  it('refuses an undeclared function, an unknown argument and a missing required one', () => {
    expect(() => checkCall('ticket_get_everything', {})).toThrow(NotFoundError);
    const [name, args] = Object.entries(SQL_FUNCTIONS).find(([, a]) => Object.values(a).some((t) => !t.endsWith('?')))!;
    const required = Object.entries(args).filter(([, t]) => !t.endsWith('?')).map(([k]) => k);
    const full = Object.fromEntries(Object.keys(args).map((k) => [k, 1]));
    expect(() => checkCall(name, full)).not.toThrow();
    expect(() => checkCall(name, { ...full, not_an_argument: 1 })).toThrow(InvalidArgumentError);
    const { [required[0]!]: _left, ...missing } = full;
    expect(() => checkCall(name, missing)).toThrow(InvalidArgumentError);
  });
});
