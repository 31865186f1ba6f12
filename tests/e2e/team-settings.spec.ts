// Team settings live in Zoho (issue 11, finding 2): an administrator publishes the criteria, the
// approvers and the feature switches from the options page as org variables; a rep sees them
// read-only, set by their administrator, and cannot make themselves an approver; who may approve
// is Zoho's answer at the moment of deciding, not the profile read at connect.
import type { Page } from '@playwright/test';
import { SANDBOX_ORIGIN } from '../browser';
import { accessibilityViolations, expect, openOptions, RecordPanel, recordUrl, sandbox, SEED, snap, test, type PopupPage } from './fixtures';

const deal = SEED.deals.acmeTelematics;

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(new URL(path, SANDBOX_ORIGIN), { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
const variables = async () => (await control<{ variables: { api_name: string; value: string }[] }>('GET', '/__sandbox/variables')).variables;
const setProfile = (user: keyof typeof SEED.users, profile: string) => control('POST', `/__sandbox/users/${SEED.users[user].id}/profile`, { profile });

async function switchTo(popup: PopupPage, user: keyof typeof SEED.users) {
  await popup.open();
  await popup.page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(popup.connectButton).toBeVisible();
  await popup.connectAs(user);
}

async function openDeal(page: Page) {
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.goto(recordUrl('Deals', deal.id));
  const section = new RecordPanel(page).root.getByTestId('stage-section');
  await expect(section.getByTestId('suggestion-card')).toBeVisible();
  return section;
}

test('an administrator publishes the team settings to Zoho; a rep sees them read-only and cannot add themselves', async ({ context, extensionId, popup }) => {
  await popup.connectAs('admin');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 1800 });
  await openOptions(page, extensionId);
  const team = page.getByTestId('team-settings');
  await expect(team.getByTestId('team-source')).toHaveText('No team settings are saved in Zoho yet: the defaults apply (approvers: the Administrator and Manager profiles).');
  await team.getByLabel('Profiles').fill('Administrator\nManager');
  await team.getByLabel('Roles').fill('Sales Director');
  await team.getByRole('button', { name: 'Start from the default criteria' }).click();
  await team.getByRole('checkbox', { name: 'Use these criteria instead of the built-in ones' }).check();
  await team.getByRole('button', { name: 'Save to Zoho' }).click();
  await expect(team.getByTestId('team-status')).toHaveText('Saved in Zoho for your team.');
  await expect(team.getByTestId('team-source')).toContainText(`Saved in Zoho by ${SEED.users.admin.full_name}`);
  const stored = await variables();
  expect(stored.map((v) => v.api_name)).toEqual(expect.arrayContaining(['Stagecoach_Team_01', 'Stagecoach_Team_02']));
  expect(stored.map((v) => v.value).join('')).toContain('"roles":["Sales Director"]');
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(team, 'team-settings-admin');

  await switchTo(popup, 'rep');
  await openOptions(page, extensionId);
  await expect(team.getByText('Set by your administrator in Zoho.')).toBeVisible();
  await expect(team.getByTestId('team-source')).toContainText(`Saved in Zoho by ${SEED.users.admin.full_name}`);
  await expect(team.getByLabel('Profiles')).toHaveValue('Administrator\nManager');
  await expect(team.getByLabel('Profiles')).toBeDisabled();
  await expect(team.getByRole('checkbox', { name: 'Booking', exact: true })).toBeDisabled();
  await expect(team.getByRole('button', { name: 'Save to Zoho' })).toHaveCount(0);
  // Personal settings still save in the browser.
  await page.getByLabel('Slot length (minutes)').fill('45');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await snap(team, 'team-settings-rep');

  // Adding themselves with a message straight from an extension page: refused by the background,
  // before Zoho (which would refuse too).
  const forged = await popup.send({ type: 'publishTeamSettings', data: { team: { approvers: { profiles: ['Standard'], roles: [] } } } });
  expect(forged).toEqual({ ok: false, error: expect.objectContaining({ code: 'no_permission', reason: 'team_settings_admin_only' }) });
  const old = await popup.send({ type: 'saveSettings', data: { patch: { approvers: { profiles: ['Standard'], roles: [] } } } });
  expect(old).toMatchObject({ ok: true });
  expect((await variables()).map((v) => v.value).join('')).not.toContain('Standard');

  // The rep's approve is refused, and the panel says why in Zoho's words.
  const panel = await context.newPage();
  const section = await openDeal(panel);
  await expect(section.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(section.getByTestId('approval-why')).toHaveText('Zoho says your profile is “Standard” and your role “Sales Representative”; neither is on your team’s approver list, so you can request approval instead.');
  // A forged decision from a page is refused too (the background's own approver check is
  // tests/unit/team-settings.test.ts's; here the router may refuse the sender first).
  const refused = await popup.send({ type: 'decideSuggestion', data: { dealId: deal.id, decision: 'approve', target: 'Closed Won', basis: 'edited', evidence: [] } });
  expect(refused).toMatchObject({ ok: false });
  expect(String((await sandbox.record('Deals', deal.id)).Stage)).toBe(String(deal.Stage));
  await snap(section, 'team-settings-rep-panel');
});

test('a manager demoted in Zoho after connecting is refused; promoted again, approves, and the note says so', async ({ context, popup }) => {
  // Connected as a manager (the connection row says Manager), then demoted in Zoho: the check asks
  // Zoho when deciding, not the connection. (Within one connection the answer is kept a minute:
  // tests/unit/team-settings.test.ts moves a clock past it.)
  await popup.connectAs('manager');
  await setProfile('manager', 'Standard');
  const page = await context.newPage();
  let section = await openDeal(page);
  await expect(section.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await expect(section.getByTestId('approval-why')).toHaveText('Zoho says your profile is “Standard” and your role “Sales Manager”; neither is on your team’s approver list, so you can request approval instead.');
  expect(await popup.send({ type: 'decideSuggestion', data: { dealId: deal.id, decision: 'approve', target: 'Closed Won', basis: 'edited', evidence: [] } })).toMatchObject({ ok: false });
  expect(String((await sandbox.record('Deals', deal.id)).Stage)).toBe(String(deal.Stage));
  await snap(section, 'team-settings-demoted-panel');

  // Manager again in Zoho; a new connection asks at once.
  await setProfile('manager', 'Manager');
  await switchTo(popup, 'manager');
  section = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  await card.getByRole('button', { name: `Approve: ${target}` }).click();
  await expect(section.getByTestId('decision-outcome')).toContainText(`Stage changed to ${target}`);
  await expect.poll(async () => (await sandbox.recordsContaining('Notes', `Stage changed: ${String(deal.Stage)} → ${target}`)).length).toBe(1);
  const [note] = await sandbox.recordsContaining('Notes', `Stage changed: ${String(deal.Stage)} → ${target}`);
  expect(String(note!.Note_Content)).toContain(`Approved by: ${SEED.users.manager.full_name} (profile Manager, role Sales Manager, as Zoho said at approval)`);
});
