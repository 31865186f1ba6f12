import { describe, expect, it } from 'vitest';
import { createHostPolicy } from './hosts';

const zoho = createHostPolicy();
const sandboxed = createHostPolicy({ sandboxOrigin: 'http://localhost:8787' });

describe('accounts server from the redirect', () => {
  it.each([
    ['https://accounts.zoho.com', 'us', 'us'],
    ['https://accounts.zoho.eu', 'eu', 'eu'],
    ['https://accounts.zoho.eu/', null, 'eu'],
    ['https://accounts.zoho.in', 'in', 'in'],
    ['https://accounts.zoho.com.au', 'au', 'au'],
    ['https://accounts.zoho.jp', 'jp', 'jp'],
    ['https://accounts.zohocloud.ca', 'ca', 'ca'],
    ['https://accounts.zoho.sa', 'sa', 'sa'],
    ['https://accounts.zoho.com.cn', 'cn', 'cn'],
    ['https://ACCOUNTS.ZOHO.EU', 'eu', 'eu'],
  ])('%s (location %s) is trusted as %s', (value, location, dc) => {
    expect(zoho.accountsServer(value, location)?.dataCentre).toBe(dc);
  });

  it.each([
    ['https://accounts.zoho.eu.attacker.example', 'eu'],
    ['https://attacker.example', 'us'],
    ['http://accounts.zoho.com', 'us'],
    ['https://accounts.zoho.com:8443', 'us'],
    ['https://user@accounts.zoho.com', 'us'],
    ['https://accounts.zoho.com', 'eu'], // location and server disagree
    ['javascript:alert(1)', 'us'],
    ['', 'us'],
    [null, 'us'],
    ['http://localhost:8787', 'us'], // the sandbox is trusted only by the sandbox build
  ])('%s (location %s) is refused', (value, location) => {
    expect(zoho.accountsServer(value, location)).toBeNull();
  });

  it('the sandbox build trusts its sandbox, posing as the DC in `location`', () => {
    expect(sandboxed.accountsServer('http://localhost:8787', 'eu')).toEqual({ origin: 'http://localhost:8787', dataCentre: 'eu' });
    expect(sandboxed.accountsServer('http://localhost:9999', 'eu')).toBeNull();
    expect(sandboxed.authorizeOrigin()).toBe('http://localhost:8787');
  });

  it('authorization starts at .com, or .com.cn for China', () => {
    expect(zoho.authorizeOrigin()).toBe('https://accounts.zoho.com');
    expect(zoho.authorizeOrigin('cn')).toBe('https://accounts.zoho.com.cn');
  });
});

describe('api_domain from the token response', () => {
  it.each([
    ['https://www.zohoapis.com', 'us', 'https://www.zohoapis.com'],
    ['https://www.zohoapis.eu', 'eu', 'https://www.zohoapis.eu'],
    ['https://www.zohoapis.ca', 'ca', 'https://www.zohoapis.ca'],
    ['https://www.zohoapis.com.au/', 'au', 'https://www.zohoapis.com.au'],
  ] as const)('%s for %s is trusted', (value, dc, origin) => {
    expect(zoho.apiDomain(value, dc)).toBe(origin);
  });

  it.each([
    ['https://www.zohoapis.eu', 'us'],
    ['https://www.zohoapis.zohocloud.ca', 'ca'],
    ['https://zohoapis.com.attacker.example', 'us'],
    ['not a url', 'us'],
  ] as const)('%s for %s is refused', (value, dc) => {
    expect(zoho.apiDomain(value, dc)).toBeNull();
  });
});
