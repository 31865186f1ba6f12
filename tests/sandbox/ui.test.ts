import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../sandbox/seed';
import { control, useSandbox } from './helpers';

const sandbox = useSandbox();
const ORG = `/crm/org${SEED.org.zgid}`;

async function get(path: string): Promise<{ status: number; text: string; location: string | null; type: string | null }> {
  const response = await fetch(`${sandbox.url}${path}`, { redirect: 'manual' });
  return { status: response.status, text: await response.text(), location: response.headers.get('location'), type: response.headers.get('content-type') };
}

describe('pages over HTTP', () => {
  it.each(['/', '/crm'])('%s redirects to the Contacts list', async (path) => {
    const { status, location } = await get(path);
    expect(status).toBe(302);
    expect(location).toBe(`${ORG}/tab/Contacts`);
  });

  it.each([
    `${ORG}/tab/Contacts/${SEED.primary.contactId}`,
    `/crm/tab/Contacts/${SEED.primary.contactId}`,
    `${ORG}/tab/Potentials/${SEED.primary.dealId}`,
    `${ORG}/tab/Leads/${SEED.primary.leadId}`,
    `${ORG}/tab/Accounts/${SEED.primary.accountId}`,
    `${ORG}/tab/Contacts`,
    `${ORG}/tab/Potentials?cvid=4876876000000087501`,
    '/crm/tab/Leads',
    `/crm/org99999999/tab/Contacts/${SEED.primary.contactId}`, // "another org": same data
  ])('serves the app shell at %s', async (path) => {
    const { status, text, type } = await get(path);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(text).toContain('<script type="module" src="/__sandbox/ui/app.js"></script>');
    expect(text).toContain('<main id="app"');
    expect(text).not.toMatch(/<script>|\son[a-z]+=/i); // inline-free
  });

  it('titles the shell with the record name, escaped', async () => {
    expect((await get(`${ORG}/tab/Contacts/${SEED.primary.contactId}`)).text).toContain('<title>Ann Carter</title>');
    const hostile = await get(`${ORG}/tab/Contacts/${SEED.hostileContactId}`);
    expect(hostile.text).toContain('<title>Robert &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Hacker</title>');
  });

  it.each([
    '/crm/orgabc/tab/Contacts',
    `${ORG}/tab/Widgets`,
    `${ORG}/tab/Contacts/4876876000009999999`,
    `${ORG}/tab/Deals/${SEED.primary.dealId}`, // the UI says Potentials
    '/elsewhere',
    '/crm/org20104578/settings',
  ])('answers 404 at %s', async (path) => {
    const { status, text } = await get(path);
    expect(status).toBe(404);
    expect(text).toContain('Page not found');
  });

  it('serves the app script and styles', async () => {
    const script = await get('/__sandbox/ui/app.js');
    expect(script.status).toBe(200);
    expect(script.type).toContain('text/javascript');
    // Values go in as text only.
    expect(script.text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect((await get('/__sandbox/ui/app.css')).type).toContain('text/css');
  });

  it('the internal endpoints give list and record views with related links', async () => {
    const contact = JSON.parse((await get(`/__sandbox/ui/record/Contacts/${SEED.primary.contactId}`)).text);
    expect(contact).toMatchObject({ name: 'Ann Carter', module: 'Contacts', tab: 'Contacts' });
    expect(contact.sections[0].fields).toEqual(
      expect.arrayContaining([
        { apiName: 'Email', label: 'Email', value: 'ann@acme.com' },
        { apiName: 'Account_Name', label: 'Account Name', value: 'Acme Logistics', link: { tab: 'Accounts', id: SEED.primary.accountId } },
      ]),
    );
    expect(contact.related[0].items.map((i: { id: string }) => i.id)).toContain(SEED.primary.dealId);

    const deal = JSON.parse((await get(`/__sandbox/ui/record/Potentials/${SEED.primary.dealId}`)).text);
    expect(deal.related.map((r: { items: { id: string }[] }) => r.items[0]?.id)).toEqual([SEED.primary.contactId, SEED.primary.accountId]);
    expect(deal.sections[0].fields).toEqual(expect.arrayContaining([{ apiName: 'Amount', label: 'Amount', value: '$48,000.00' }]));

    const list = JSON.parse((await get('/__sandbox/ui/list/Leads')).text);
    expect(list.rows).toHaveLength(Object.keys(SEED.leads).length);
    expect((await get('/__sandbox/ui/record/Contacts/1')).status).toBe(404);
  });
});

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));

// A real browser on a shared 2-core machine: generous time per test, not a timing assertion.
describe.skipIf(!chromiumPath)('the app in a browser', { timeout: 30_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders a record, navigates without page loads, and supports back/forward', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.url}${ORG}/tab/Contacts/${SEED.primary.contactId}`);
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe('Ann Carter');
    expect(await page.title()).toBe('Ann Carter');
    expect(await page.locator('[data-zcrm-field="Email"] dd').textContent()).toBe('ann@acme.com');

    // A marker on window survives only if no page load happens.
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
    await control(sandbox.url, 'DELETE', '/__sandbox/log');

    await page.getByRole('link', { name: 'Acme Logistics – Fleet Telematics Rollout' }).click();
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe('Acme Logistics – Fleet Telematics Rollout');
    expect(new URL(page.url()).pathname).toBe(`${ORG}/tab/Potentials/${SEED.primary.dealId}`);
    expect(await page.title()).toBe('Acme Logistics – Fleet Telematics Rollout');

    await page.locator('[data-zcrm-field="Account_Name"] a').click();
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe('Acme Logistics');

    await page.goBack();
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe('Acme Logistics – Fleet Telematics Rollout');
    await page.goBack();
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe('Ann Carter');
    await page.goForward();
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe('Acme Logistics – Fleet Telematics Rollout');

    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
    // No document requests reached the server during SPA navigation.
    const log = await control(sandbox.url, 'GET', '/__sandbox/log');
    expect(log.entries).toEqual([]);

    await page.locator('nav a[data-zcrm-link]', { hasText: 'Leads' }).click();
    await expect.poll(() => page.locator('table[data-zcrm="list"] a[data-zcrm-link]').count()).toBe(Object.keys(SEED.leads).length);
    expect(await page.title()).toBe('Leads');
    await page.close();
  });

  it('renders the hostile name as text', async () => {
    const page = await browser.newPage();
    await page.goto(`${sandbox.url}${ORG}/tab/Contacts/${SEED.hostileContactId}`);
    const name = 'Robert <img src=x onerror="window.__pwned=1">Hacker';
    await expect.poll(() => page.locator('h1[data-zcrm="record-name"]').textContent()).toBe(name);
    await page.goto(`${sandbox.url}${ORG}/tab/Contacts`);
    await expect.poll(() => page.locator(`a[data-zcrm-id="${SEED.hostileContactId}"]`).textContent()).toBe(name);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    await page.close();
  });
});
