import { describe, expect, it } from 'vitest';
import { addressDifferences } from '../../src/domain/address';
import { countryCode } from '../../src/domain/countries';
import { CUSTOMER_ADDRESS, VENDOR_ADDRESS } from '../support/fixtures';

describe('address guard', () => {
  it('finds no difference in the same address typed with other case, spacing, punctuation and abbreviations', () => {
    const typed = {
      name: 'ana SILVA',
      line1: 'rua das flores, nº 12',
      line2: '3 esq.',
      city: ' Porto ',
      postalCode: '4000123',
      country: 'prt',
    };
    expect(addressDifferences({ ...CUSTOMER_ADDRESS, line1: 'Rua das Flores nº 12' }, typed)).toEqual([]);
  });

  it('treats Street / St and Apartment / Apt as the same words', () => {
    const us = {
      name: 'John Doe',
      line1: '12 Main Street',
      line2: 'Apartment 4',
      city: 'Austin',
      region: 'TX',
      postalCode: '78701',
      country: 'US',
    };
    expect(addressDifferences(us, { ...us, line1: '12 Main St.', line2: 'Apt 4', country: 'United States' })).toEqual(
      [],
    );
  });

  it('accepts line 2 merged into line 1', () => {
    expect(
      addressDifferences(CUSTOMER_ADDRESS, {
        ...CUSTOMER_ADDRESS,
        line1: 'Rua das Flores 12, 3 Esq',
        line2: undefined,
      }),
    ).toEqual([]);
  });

  it('finds no difference in an address pasted unchanged, with or without line 2 and region', () => {
    expect(addressDifferences(CUSTOMER_ADDRESS, { ...CUSTOMER_ADDRESS })).toEqual([]);
    const { line2: _line2, ...withoutLine2 } = { ...CUSTOMER_ADDRESS, region: 'Porto' };
    expect(addressDifferences(withoutLine2, { ...withoutLine2 })).toEqual([]);
  });

  it('reports line 2 alone when only line 2 changed', () => {
    expect(addressDifferences(CUSTOMER_ADDRESS, { ...CUSTOMER_ADDRESS, line2: '4 dto.' }).map((d) => d.field)).toEqual([
      'line2',
    ]);
  });

  it("lists every field in which the vendor's own address differs", () => {
    const fields = addressDifferences(CUSTOMER_ADDRESS, VENDOR_ADDRESS).map((d) => d.field);
    expect(fields).toEqual(['name', 'line1', 'line2', 'city', 'postalCode']);
  });

  it('reports a different postal code, country or region, with the values as given', () => {
    expect(addressDifferences(CUSTOMER_ADDRESS, { ...CUSTOMER_ADDRESS, postalCode: '4000-124' })).toEqual([
      { field: 'postalCode', expected: '4000-123', actual: '4000-124' },
    ]);
    expect(addressDifferences(CUSTOMER_ADDRESS, { ...CUSTOMER_ADDRESS, country: 'ES' }).map((d) => d.field)).toEqual([
      'country',
    ]);
    expect(
      addressDifferences({ ...CUSTOMER_ADDRESS, region: 'Porto' }, { ...CUSTOMER_ADDRESS, region: 'Braga' }).map(
        (d) => d.field,
      ),
    ).toEqual(['region']);
  });

  it('ignores a region left out on one side only', () => {
    expect(addressDifferences({ ...CUSTOMER_ADDRESS, region: 'Porto' }, CUSTOMER_ADDRESS)).toEqual([]);
  });

  it('folds country spellings to ISO alpha-2', () => {
    expect(['us', 'USA', 'U.S.A.', 'United States'].map(countryCode)).toEqual(['US', 'US', 'US', 'US']);
    expect(countryCode('Deutschland')).toBe('DE');
    expect(countryCode('Atlantis')).toBe('ATLANTIS');
  });
});
