// The hand-written SQL's one helper: a template literal as a parameterized query, like Prisma's $queryRaw.
import type pg from 'pg';

/** What runs a query: a pool, or a client checked out of one. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** `sql\`… ${value} …\`` → text with $1, $2, … and the values beside it: values never become SQL text. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): pg.QueryConfig<unknown[]> {
  return { text: strings.reduce((text, part, index) => `${text}$${index}${part}`), values };
}
