// A body the API answered, checked against the schema the OpenAPI document gives for it (src/http/responseSchemas.ts),
// so the document cannot drift from what clients really get.
import { expect } from 'vitest';
import type { z } from 'zod';

/** The body parses against its documented schema, and has no top-level field the document leaves out. */
export function expectDocumented(schema: z.ZodObject, body: Record<string, unknown>) {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? [], JSON.stringify(body).slice(0, 300)).toEqual([]);
  expect(Object.keys(body).filter((key) => !(key in schema.shape))).toEqual([]);
}
