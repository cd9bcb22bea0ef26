// The custom search attributes of PRODUCT §8, registered on the dev server at start and kept current by the
// order workflow, so ops can find any order in the Temporal Web UI.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ORDER_STATUS = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const VENDOR_ID = defineSearchAttributeKey('VendorId', SearchAttributeType.KEYWORD);
export const SUPPLIER = defineSearchAttributeKey('Supplier', SearchAttributeType.KEYWORD_LIST);
export const SLA_BREACHED = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);

/** `Name=Type` pairs for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTE_FLAGS = [
  'OrderStatus=Keyword',
  'VendorId=Keyword',
  'Supplier=KeywordList',
  'SlaBreached=Bool',
];
