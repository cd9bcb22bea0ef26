// 17TRACK carrier codes the vendor can pick from (17TRACK.md, third-party list). Data, not logic.

/** A carrier as 17TRACK numbers it. */
export interface Carrier {
  code: number;
  name: string;
}

export const CARRIERS: readonly Carrier[] = [
  { code: 190271, name: 'Cainiao' },
  { code: 3011, name: 'China Post' },
  { code: 190012, name: 'Yanwen' },
  { code: 21051, name: 'USPS' },
  { code: 100002, name: 'UPS' },
  { code: 100003, name: 'FedEx' },
  { code: 100001, name: 'DHL' },
  { code: 100005, name: 'GLS' },
  { code: 100143, name: 'Amazon' },
];

/** The carrier's name, or "carrier <code>" for a code not in the list, or "auto-detect" for none. */
export function carrierName(code: number | null | undefined): string {
  if (code === null || code === undefined) return 'auto-detect';
  return CARRIERS.find((carrier) => carrier.code === code)?.name ?? `carrier ${code}`;
}
