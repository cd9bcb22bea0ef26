import { describe, expect, it } from 'vitest';
import { sql, sqlFragment } from '../../src/db/sql/sqlTemplate';

describe('sql', () => {
  it('turns each value into a numbered parameter, never into SQL text', () => {
    const name = 'Robert\'); DROP TABLE "Order";--';
    expect(sql`SELECT * FROM "Order" WHERE "name" = ${name} AND "total" > ${10}`).toEqual({
      text: 'SELECT * FROM "Order" WHERE "name" = $1 AND "total" > $2',
      values: [name, 10],
    });
  });

  it('puts a fragment in as SQL and numbers its values with the statement’s own', () => {
    const newerThan = (at: string) => sqlFragment`"createdAt" > ${at} AND "kind" <> ${'x'}`;
    expect(sql`SELECT 1 WHERE "a" = ${1} AND ${newerThan('2026-12-07')} AND "b" = ${2}`).toEqual({
      text: 'SELECT 1 WHERE "a" = $1 AND "createdAt" > $2 AND "kind" <> $3 AND "b" = $4',
      values: [1, '2026-12-07', 'x', 2],
    });
  });
});
