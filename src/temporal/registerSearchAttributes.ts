// Registers the order search attributes on a Temporal namespace that lacks them (a self-hosted cluster, or
// the time-skipping test server). The dev server gets them from --search-attribute at start instead.
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const TYPES = {
  OrderStatus: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  VendorId: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Supplier: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  SlaBreached: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/** Adds the order search attributes to `namespace`; attributes that already exist are left as they are. */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: TYPES });
  } catch (error) {
    if (!/already exists/i.test((error as Error).message)) throw error;
  }
}
