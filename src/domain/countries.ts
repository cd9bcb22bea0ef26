// Country spellings a vendor may type at a supplier checkout, folded to ISO 3166-1 alpha-2. Kept as data:
// alpha-3 codes and common English names of the usual dropshipping destinations.

const ALPHA3: Record<string, string> = {
  USA: 'US', CAN: 'CA', MEX: 'MX', GBR: 'GB', IRL: 'IE', DEU: 'DE', FRA: 'FR', ESP: 'ES', PRT: 'PT', ITA: 'IT',
  NLD: 'NL', BEL: 'BE', LUX: 'LU', AUT: 'AT', CHE: 'CH', POL: 'PL', CZE: 'CZ', SVK: 'SK', HUN: 'HU', ROU: 'RO',
  BGR: 'BG', GRC: 'GR', SWE: 'SE', NOR: 'NO', DNK: 'DK', FIN: 'FI', ISL: 'IS', EST: 'EE', LVA: 'LV', LTU: 'LT',
  SVN: 'SI', HRV: 'HR', SRB: 'RS', UKR: 'UA', TUR: 'TR', ISR: 'IL', ARE: 'AE', SAU: 'SA', ZAF: 'ZA', EGY: 'EG',
  NGA: 'NG', KEN: 'KE', MAR: 'MA', IND: 'IN', PAK: 'PK', BGD: 'BD', CHN: 'CN', HKG: 'HK', TWN: 'TW', JPN: 'JP',
  KOR: 'KR', SGP: 'SG', MYS: 'MY', THA: 'TH', VNM: 'VN', IDN: 'ID', PHL: 'PH', AUS: 'AU', NZL: 'NZ', BRA: 'BR',
  ARG: 'AR', CHL: 'CL', COL: 'CO', PER: 'PE', URY: 'UY',
};

const NAMES: Record<string, string> = {
  'UNITED STATES': 'US', 'UNITED STATES OF AMERICA': 'US', AMERICA: 'US', 'U S': 'US', 'U S A': 'US',
  'UNITED KINGDOM': 'GB', UK: 'GB', 'GREAT BRITAIN': 'GB', ENGLAND: 'GB', SCOTLAND: 'GB', WALES: 'GB',
  CANADA: 'CA', MEXICO: 'MX', IRELAND: 'IE', GERMANY: 'DE', DEUTSCHLAND: 'DE', FRANCE: 'FR', SPAIN: 'ES',
  ESPANA: 'ES', PORTUGAL: 'PT', ITALY: 'IT', ITALIA: 'IT', NETHERLANDS: 'NL', 'THE NETHERLANDS': 'NL',
  HOLLAND: 'NL', BELGIUM: 'BE', AUSTRIA: 'AT', SWITZERLAND: 'CH', POLAND: 'PL', SWEDEN: 'SE', NORWAY: 'NO',
  DENMARK: 'DK', FINLAND: 'FI', GREECE: 'GR', 'CZECH REPUBLIC': 'CZ', CZECHIA: 'CZ', AUSTRALIA: 'AU',
  'NEW ZEALAND': 'NZ', JAPAN: 'JP', 'SOUTH KOREA': 'KR', KOREA: 'KR', CHINA: 'CN', INDIA: 'IN', BRAZIL: 'BR',
  BRASIL: 'BR', ISRAEL: 'IL', 'UNITED ARAB EMIRATES': 'AE', UAE: 'AE', SINGAPORE: 'SG', 'SOUTH AFRICA': 'ZA',
};

/** Folds `us`, `USA`, `United States` and `U.S.A.` to `US`; unknown text comes back upper-cased. */
export function countryCode(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, ' ')
    .trim();
  if (folded.length === 2) return folded;
  return ALPHA3[folded] ?? NAMES[folded] ?? folded;
}
