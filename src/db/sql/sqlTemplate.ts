// The hand-written SQL's one helper: a template literal as a parameterized query, like Prisma's $queryRaw.
import type pg from 'pg';

/** What runs a query: a pool, or a client checked out of one. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** A piece of SQL written once for several statements; its values are numbered in the statement it goes into. */
export class SqlFragment {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** `sqlFragment\`… ${value} …\``: a piece of SQL to put inside `sql`, as a value of its own. */
export function sqlFragment(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  return new SqlFragment(strings, values);
}

/**
 * `sql\`… ${value} …\`` → text with $1, $2, … and the values beside it: values never become SQL text. A
 * SqlFragment value is the exception: its SQL goes in, and its own values are numbered with the rest.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): pg.QueryConfig<unknown[]> {
  const query = { text: '', values: [] as unknown[] };
  appendSql(query, strings, values);
  return query;
}

function appendSql(query: { text: string; values: unknown[] }, strings: readonly string[], values: readonly unknown[]) {
  strings.forEach((part, index) => {
    query.text += part;
    if (index === values.length) return;
    const value = values[index];
    if (value instanceof SqlFragment) {
      appendSql(query, value.strings, value.values);
    } else {
      query.values.push(value);
      query.text += `$${query.values.length}`;
    }
  });
}
