import { describe, expect, it } from 'vitest';
import { createHostPolicy } from './hosts';
import { parseAuthCallback } from './oauth';

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
    ['https://accounts.zoho.uk', 'uk', 'uk'],
    // UAE: missing until issue 10, so a user there was told "untrusted server".
    ['https://accounts.zoho.ae', 'ae', 'ae'],
    ['https://accounts.zoho.ae/', null, 'ae'],
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
    ['https://accounts.zoho.ae', 'sa'], // location and server disagree
    ['https://accounts.zoho.ae.attacker.example', 'ae'],
    ['http://accounts.zoho.ae', 'ae'],
    ['https://accounts.zoho.com.ae', 'ae'],
    // Web hosts are not accounts servers.
    ['https://one.zoho.com', 'us'],
    ['https://crmplus.zoho.com', 'us'],
    ['https://crmsandbox.zoho.com', 'us'],
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
    ['https://www.zohoapis.sa', 'sa', 'https://www.zohoapis.sa'],
    ['https://www.zohoapis.uk', 'uk', 'https://www.zohoapis.uk'],
    ['https://www.zohoapis.ae', 'ae', 'https://www.zohoapis.ae'],
  ] as const)('%s for %s is trusted', (value, dc, origin) => {
    expect(zoho.apiDomain(value, dc)).toBe(origin);
  });

  it.each([
    ['https://www.zohoapis.eu', 'us'],
    ['https://www.zohoapis.zohocloud.ca', 'ca'],
    ['https://zohoapis.com.attacker.example', 'us'],
    ['not a url', 'us'],
    ['https://www.zohoapis.ae', 'sa'],
    ['https://www.zohoapis.ae.attacker.example', 'ae'],
    // The sandbox orgs' API host is not on the list (the extension talks to the production org).
    ['https://sandbox.zohoapis.com', 'us'],
  ] as const)('%s for %s is refused', (value, dc) => {
    expect(zoho.apiDomain(value, dc)).toBeNull();
  });
});

// The whole way in for a user of the UAE data centre: Zoho's redirect names their accounts
// server, and the token response their API domain. Before issue 10 both were refused.
describe('a UAE user connects', () => {
  const redirect = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

  it('the callback’s accounts-server is trusted as the UAE', () => {
    const url = `${redirect}?code=1000.abc.def&location=ae&accounts-server=https%3A%2F%2Faccounts.zoho.ae&state=S1`;
    expect(parseAuthCallback(url, 'S1', zoho)).toEqual({ code: '1000.abc.def', accountsServer: 'https://accounts.zoho.ae', dataCentre: 'ae' });
  });

  it('and the token response’s api_domain for it', () => {
    expect(zoho.apiDomain('https://www.zohoapis.ae', 'ae')).toBe('https://www.zohoapis.ae');
  });
});
