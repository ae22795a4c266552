/**
 * Reads the functions in `public` (all but triggers) of a migrated database from
 * `pg_catalog`: the source `uom db types` writes `sql-functions.ts` from, and what the catalog test
 * compares that file with.
 *
 * @example
 * const fns = await readSqlFunctions(store); // [{ name: 'ticket_open', args: [...] }, …]
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlStore } from './store.js';

/** Where the declarations live: `src/store/sql-functions.ts`. */
export const SQL_FUNCTIONS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'sql-functions.ts');

export interface SqlArgument {
  /** The name without its `p_` prefix, as call sites pass it. */
  name: string;
  /** The Postgres type, as `format_type` prints it. */
  type: string;
  /** True when the SQL gives it a default, so a call may leave it out. */
  optional: boolean;
}

export interface SqlFunctionSignature {
  name: string;
  args: SqlArgument[];
}

interface CatalogRow {
  name: string;
  argnames: string[] | null;
  argtypes: string[];
  defaults: number;
}

/** Every `public` function but triggers, sorted by name, with its arguments in order. */
export async function readSqlFunctions(store: SqlStore): Promise<SqlFunctionSignature[]> {
  const rows = await store.query<CatalogRow>(
    `select p.proname as name, p.proargnames as argnames,
            array(select pg_catalog.format_type(t, null) from unnest(p.proargtypes::oid[]) with ordinality as a(t, i) order by i) as argtypes,
            p.pronargdefaults as defaults
       from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.prokind = 'f' and p.prorettype <> 'trigger'::regtype
      order by p.proname, p.oid`,
  );
  return rows.map((row) => {
    const count = row.argtypes.length;
    return {
      name: row.name,
      args: row.argtypes.map((type, i) => ({
        name: (row.argnames?.[i] ?? `$${i + 1}`).replace(/^p_/, ''),
        type,
        optional: i >= count - Number(row.defaults),
      })),
    };
  });
}

/**
 * The TypeScript source of `src/store/sql-functions.ts` for these signatures.
 *
 * @example
 * writeFileSync('src/store/sql-functions.ts', renderSqlFunctions(await readSqlFunctions(store)));
 */
export function renderSqlFunctions(functions: readonly SqlFunctionSignature[]): string {
  const lines = functions.map((fn) => {
    const args = fn.args.map((a) => `${a.name}: ${JSON.stringify(a.optional ? `${a.type}?` : a.type)}`).join(', ');
    return `  ${fn.name}: { ${args} },`;
  });
  return `/**
 * One declaration per SQL function in \`public\` (data operations return \`jsonb\`): its name and
 * its arguments (without \`p_\`, with their Postgres types; \`?\` where the SQL has a default).
 * Every \`store.call\` is checked against it: the name when compiling, the argument names when
 * called. Written by \`uom db types\` from a freshly migrated database;
 * \`tests/store/sql-functions.test.ts\` fails when it and the migrations disagree.
 */
export const SQL_FUNCTIONS = {
${lines.join('\n')}
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;

/** The name of a declared SQL data operation. */
export type SqlFunctionName = keyof typeof SQL_FUNCTIONS;
`;
}
