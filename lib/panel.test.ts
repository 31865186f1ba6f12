import { describe, expect, it } from 'vitest';
import { DOCK_MIN_WINDOW, fromPanel, isPanelPort, isTogglePanel, openedPage, PAGE_OPENED_MESSAGE, PANEL_PORT_MESSAGE, panelFrameUrl, panelMayShow, panelPageFor, startsOpen, TOGGLE_PANEL_MESSAGE, zohoPageOfPanel } from './panel';

const SELF = 'abcdefghijklmnopabcdefghijklmnop';

describe('isTogglePanel', () => {
  it('takes the message from this extension', () => {
    expect(isTogglePanel(TOGGLE_PANEL_MESSAGE, { id: SELF }, SELF)).toBe(true);
  });
  it.each([
    ['another extension', TOGGLE_PANEL_MESSAGE, { id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }],
    ['no sender id (a page)', TOGGLE_PANEL_MESSAGE, {}],
    ['another message', { type: 'stagecoach:open-everything' }, { id: SELF }],
    ['extra keys', { ...TOGGLE_PANEL_MESSAGE, open: true }, { id: SELF }],
    ['not an object', 'stagecoach:toggle-panel', { id: SELF }],
  ])('ignores %s', (_what, message, sender) => {
    expect(isTogglePanel(message, sender, SELF)).toBe(false);
  });
});

describe('startsOpen', () => {
  it('opens where it docks beside the record, unless the user folded it', () => {
    expect(startsOpen(null, 1024)).toBe(true);
    expect(startsOpen({ collapsed: false }, 1440)).toBe(true);
    expect(startsOpen({ collapsed: true }, 1440)).toBe(false);
  });
  it('waits as a tab where it would cover the record', () => {
    expect(startsOpen(null, DOCK_MIN_WINDOW - 1)).toBe(false);
    expect(startsOpen({ collapsed: false }, 800)).toBe(false);
    expect(startsOpen(null, DOCK_MIN_WINDOW)).toBe(true);
  });
});

describe('the panel frame', () => {
  const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
  const PAGE = 'https://crm.zoho.eu/crm/org20104578/tab/Potentials/5725767000000458003?sub_module=Notes';
  const SECRET = '0123456789abcdef0123456789abcdef';

  it('names the Zoho page in its address, the secret in the hash, and reads the page back', () => {
    const url = panelFrameUrl(EXT, PAGE, SECRET);
    expect(url).toBe(`${EXT}panel.html?page=${encodeURIComponent(PAGE)}#${SECRET}`);
    expect(zohoPageOfPanel(url, EXT)).toBe(PAGE);
    expect(panelPageFor(zohoPageOfPanel(url, EXT)!)).toEqual({ module: 'Deals', recordId: '5725767000000458003', orgId: '20104578' });
  });

  it.each([
    ['another extension’s panel', `chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/panel.html?page=${encodeURIComponent(PAGE)}`],
    ['another page of ours', `${EXT}popup.html?page=${encodeURIComponent(PAGE)}`],
    ['a web page', `https://crm.zoho.eu/panel.html?page=${encodeURIComponent(PAGE)}`],
    ['not a URL', 'panel.html'],
  ])('is no panel address: %s', (_what, href) => {
    expect(zohoPageOfPanel(href, EXT)).toBeNull();
  });

  it('takes only the port message that carries its secret', () => {
    const hello = { type: PANEL_PORT_MESSAGE, secret: SECRET, look: { open: true } };
    expect(isPanelPort(hello, SECRET)).toBe(true);
    expect(isPanelPort({ ...hello, secret: 'f'.repeat(32) }, SECRET)).toBe(false);
    expect(isPanelPort({ ...hello, type: 'other' }, SECRET)).toBe(false);
    expect(isPanelPort({ ...hello, look: null }, SECRET)).toBe(false);
    expect(isPanelPort(null, SECRET)).toBe(false);
    // A frame with no secret in its address (framed by someone else) takes none, not even an empty one.
    expect(isPanelPort({ ...hello, secret: '' }, '')).toBe(false);
  });

  it('reads the frame’s messages by shape, and bounds the tab’s size', () => {
    expect(fromPanel({ kind: 'open', open: false })).toEqual({ kind: 'open', open: false });
    expect(fromPanel({ kind: 'tab', width: 34.2, height: 9999 })).toEqual({ kind: 'tab', width: 35, height: 400 });
    expect(fromPanel({ kind: 'left' })).toEqual({ kind: 'left' });
    expect(fromPanel({ kind: 'reload' })).toEqual({ kind: 'reload' });
    // Reload is exactly that: no address to go to rides along.
    expect(fromPanel({ kind: 'reload', url: 'https://evil.example' })).toBeNull();
    expect(fromPanel({ kind: 'open', open: 'yes' })).toBeNull();
    expect(fromPanel({ kind: 'navigate', to: 'https://evil.example' })).toBeNull();
    expect(fromPanel('open')).toBeNull();
  });

  it.each([
    ['a Zoho CRM page framing it', 'https://crm.zoho.eu', PAGE, false, true],
    ['Zoho One', 'https://one.zoho.com', 'https://one.zoho.com/zohoone/acme/home/cxapp/crm/org1/tab/Leads/1', false, true],
    ['no ancestor list (Firefox): the page URL decides', null, PAGE, false, true],
    ['another site framing it', 'https://evil.example', PAGE, false, false],
    ['a parent other than the page it names', 'https://crm.zoho.com', PAGE, false, false],
    ['a look-alike host', 'https://crm.zoho.eu.evil.io', 'https://crm.zoho.eu.evil.io/crm/org1/tab/Leads/1', false, false],
    ['the local sandbox in production', 'http://localhost:8787', 'http://localhost:8787/crm/org1/tab/Leads/1', false, false],
    ['the local sandbox in the sandbox build', 'http://localhost:8787', 'http://localhost:8787/crm/org1/tab/Leads/1', true, true],
    ['a custom domain', 'https://crm.acme-corp.com', 'https://crm.acme-corp.com/crm/org1/tab/Leads/1', false, false],
  ])('shows itself or not: %s', (_what, parent, page, sandbox, shows) => {
    expect(panelMayShow(parent, page, sandbox)).toBe(shows);
  });
});

describe('openedPage (the content script’s page-opened message, at the background)', () => {
  const ORG = '20104578';
  const record = `https://crm.zoho.eu/crm/org${ORG}/tab/Contacts/5725767000000458001`;
  const message = (page: string) => ({ type: PAGE_OPENED_MESSAGE, page });
  const content = { id: SELF, url: 'https://crm.zoho.eu/crm/org20104578/tab/Contacts', tab: { id: 4 }, frameId: 0 };

  it('gives the tab and the record page of the connected org', () => {
    expect(openedPage(message(record), content, SELF, ORG, false)).toEqual({ tab: '4/0', page: { module: 'Contacts', recordId: '5725767000000458001', orgId: ORG } });
    // Zoho One: CRM drawn under the suite's address.
    const one = 'https://one.zoho.com/zohoone/acme/home/cxapp/crm/org20104578/tab/Potentials/5725767000000458011';
    expect(openedPage(message(one), { ...content, url: 'https://one.zoho.com/zohoone/acme/home' }, SELF, ORG, false)?.page).toMatchObject({ module: 'Deals', recordId: '5725767000000458011' });
    // The sandbox build's local stand-in.
    expect(openedPage(message('http://localhost:8787/crm/org1/tab/Leads/1'), { ...content, url: 'http://localhost:8787/crm/org1/tab/Leads' }, SELF, '1', true)?.page).toMatchObject({ module: 'Leads' });
  });
  it('leaves the tab’s last page but starts nothing on a list, another org’s or a sandbox org’s page', () => {
    expect(openedPage(message('https://crm.zoho.eu/crm/org20104578/tab/Contacts?cvid=1'), content, SELF, ORG, false)).toEqual({ tab: '4/0', page: null });
    expect(openedPage(message(record.replace(ORG, '99999')), content, SELF, ORG, false)).toEqual({ tab: '4/0', page: null });
    const sandboxOrg = 'https://crmsandbox.zoho.eu/crm/org20104578/tab/Contacts/5725767000000458001';
    expect(openedPage(message(sandboxOrg), { ...content, url: sandboxOrg }, SELF, ORG, false)).toEqual({ tab: '4/0', page: null });
  });
  it.each([
    ['another extension', message(record), { ...content, id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }, false],
    ['no tab (not a content script)', message(record), { id: SELF, url: content.url }, false],
    ['no sender url', message(record), { id: SELF, tab: { id: 4 } }, false],
    ['a page of another origin than the sender', message(record), { ...content, url: 'https://evil.example/crm' }, false],
    ['a sender on a look-alike host', message('https://crm.zoho.eu.evil.example/crm/tab/Contacts/1'), { ...content, url: 'https://crm.zoho.eu.evil.example/' }, false],
    ['plain http to a Zoho host', message('http://crm.zoho.eu/crm/tab/Contacts/1'), { ...content, url: 'http://crm.zoho.eu/' }, false],
    ['localhost outside the sandbox build', message('http://localhost:8787/crm/org1/tab/Leads/1'), { ...content, url: 'http://localhost:8787/' }, false],
    ['extra keys', { ...message(record), recordId: '1' }, content, false],
    ['another type', { type: 'stagecoach:toggle-panel', page: record }, content, false],
    ['no page', { type: PAGE_OPENED_MESSAGE, url: record }, content, false],
    ['not a URL', message('javascript:alert(1)'), content, false],
    ['not an object', PAGE_OPENED_MESSAGE, content, false],
  ])('ignores %s', (_what, sent, sender, sandbox) => {
    expect(openedPage(sent, sender, SELF, ORG, sandbox)).toBeNull();
  });
});
