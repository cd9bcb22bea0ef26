// The address guard of PRODUCT §2: the ship-to used at the supplier must be the customer's address, never
// the vendor's. Addresses are compared after folding the differences a person would not call different.
import { countryCode } from './countries';

/** A postal address as the API carries it (PRODUCT §6). */
export interface Address {
  name: string;
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postalCode: string;
  country: string;
  phone?: string | undefined;
}

/** The fields the guard compares; the phone is not part of where a parcel goes. */
export const COMPARED_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** One field that differs, with both values as given (not folded), for the vendor to see. */
export interface AddressDifference {
  field: ComparedField;
  expected: string;
  actual: string;
}

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  boulevard: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  highway: 'hwy',
  apartment: 'apt',
  suite: 'ste',
  floor: 'fl',
  building: 'bldg',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  number: 'no',
  rua: 'r',
};

function foldText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function foldStreet(value: string): string {
  return foldText(value)
    .split(' ')
    .map((word) => STREET_WORDS[word] ?? word)
    .join(' ');
}

function foldField(field: ComparedField, value: string | undefined): string {
  if (value === undefined) return '';
  switch (field) {
    case 'country':
      return countryCode(value);
    case 'postalCode':
      return foldText(value).replace(/ /g, '');
    case 'line1':
    case 'line2':
      return foldStreet(value);
    default:
      return foldText(value);
  }
}

/**
 * The fields in which `actual` is not the same place as `expected`. Line 1 and line 2 are compared as one
 * street, since checkouts split them differently. A region left out on one side is not a difference
 * (many supplier forms have none), but a different region is.
 */
export function addressDifferences(expected: Address, actual: Address): AddressDifference[] {
  // Vendors mostly paste the customer's address unchanged, and equal text needs no folding. Folding costs about
  // 0.8 ms of the workflow's time per supplier order (Unicode normalization and regexes), on every validation.
  const sameStreet =
    (expected.line1 === actual.line1 && expected.line2 === actual.line2) ||
    foldStreet(`${expected.line1} ${expected.line2 ?? ''}`) === foldStreet(`${actual.line1} ${actual.line2 ?? ''}`);
  const differences: AddressDifference[] = [];
  for (const field of COMPARED_FIELDS) {
    if ((field === 'line1' || field === 'line2') && sameStreet) continue;
    if (expected[field] === actual[field]) continue;
    const want = foldField(field, expected[field]);
    const got = foldField(field, actual[field]);
    if (field === 'region' && (want === '' || got === '')) continue;
    if (want !== got) differences.push({ field, expected: expected[field] ?? '', actual: actual[field] ?? '' });
  }
  return differences;
}
