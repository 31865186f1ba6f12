import { describe, expect, it } from 'vitest';
import { companyFromEmail, isEmail, isPhone } from './lookup';

describe('lookup input', () => {
  it('takes email addresses and refuses what is not one', () => {
    expect(isEmail('ANN@acme.com')).toBe(true);
    expect(isEmail('maria.lopez+crm@northwind-example.co.uk')).toBe(true);
    for (const bad of ['', 'ann', 'ann@', '@acme.com', 'ann@acme', 'a b@acme.com', `${'a'.repeat(250)}@x.io`]) expect(isEmail(bad)).toBe(false);
  });

  it('takes phone numbers however they are written, with at least 7 digits', () => {
    for (const good of ['+1 (213) 555-0147', '213.555.0147', '5550147']) expect(isPhone(good)).toBe(true);
    for (const bad of ['', '555-01', 'call me', '+1 213 555 0147 ext 2', '1'.repeat(41)]) expect(isPhone(bad)).toBe(false);
  });

  it('proposes the email domain as a new lead’s company', () => {
    expect(companyFromEmail('maria@northwind-example.com')).toBe('northwind-example.com');
    expect(companyFromEmail('no-at-sign')).toBe('');
  });
});
