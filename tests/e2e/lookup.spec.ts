// Booking with someone found (or created) by email or phone, from the record panel against the
// sandbox: a deal booked with a brand-new Lead, Zoho's fuzzy search confirmed locally (ANN@ is
// Ann, not JoAnn), lookups by phone, and a Lead created while Zoho is unreachable.
import type { Locator, Page } from '@playwright/test';
import { accessibilityViolations, expect, RecordPanel, recordUrl, sandbox, SEED, snap, test, type PopupPage } from './fixtures';

const joann = SEED.contacts.joannWhitfield;
const rep = SEED.users.rep;
// No seeded deal is without a contact: this one's contact is JoAnn, and the rep books with someone else.
const deal = SEED.deals.acmeScanners;

type StoredRecord = { id: string } & Record<string, unknown>;
type Lookup = { id: string; name?: string } | null | undefined;
type Participant = { type: string; participant: string };

/** Stored records of a module, as `GET /__sandbox/records/<module>?where=…&contains=…` answers. */
async function records(module: string, where: string[] = [], contains?: string): Promise<StoredRecord[]> {
  const query = new URLSearchParams();
  for (const clause of where) query.append('where', clause);
  if (contains) query.append('contains', contains);
  const response = await fetch(new URL(`/__sandbox/records/${module}?${query}`, sandbox.origin));
  expect(response.status).toBe(200);
  return ((await response.json()) as { records: StoredRecord[] }).records;
}

class Finder {
  readonly panel: RecordPanel;
  constructor(readonly page: Page) {
    this.panel = new RecordPanel(page);
  }
  get root(): Locator {
    return this.panel.root.getByTestId('scheduling');
  }
  get finder(): Locator {
    return this.root.getByTestId('sched-find');
  }
  get email(): Locator {
    return this.finder.getByLabel('Email', { exact: true });
  }
  get phone(): Locator {
    return this.finder.getByLabel('Phone', { exact: true });
  }
  get result(): Locator {
    return this.root.getByTestId('sched-find-result');
  }
  get create(): Locator {
    return this.root.getByTestId('sched-create');
  }
  get person(): Locator {
    return this.root.getByTestId('sched-person');
  }
  get slots(): Locator {
    return this.root.getByTestId('sched-slot');
  }
  get dialog(): Locator {
    return this.panel.root.getByRole('dialog');
  }
  get upcoming(): Locator {
    return this.root.getByTestId('sched-upcoming');
  }
}

async function open(context: { newPage(): Promise<Page> }, popup: PopupPage, module: 'Contacts' | 'Deals', id: string, name: string) {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl(module, id));
  const s = new Finder(page);
  await expect(s.panel.name).toHaveText(name);
  return s;
}

const freshEmail = (who: string) => `${who}.${Date.now()}${Math.floor(Math.random() * 1000)}@northwind-example.com`;

test('booking from a deal for an email that matches nobody creates a Lead and books it with the deal', async ({ context, popup }) => {
  const s = await open(context, popup, 'Deals', deal.id, deal.Deal_Name as string);
  // The deal's contact is shown until the rep books with someone else.
  await expect(s.upcoming).toContainText(`Upcoming meetings with ${joann.Full_Name as string}`);
  await expect(s.finder).toHaveAccessibleName('Book with someone by email or phone');

  // Nothing typed: told what to type, nothing asked of Zoho.
  await s.finder.getByRole('button', { name: 'Find' }).click();
  await expect(s.finder.getByTestId('sched-find-problem')).toHaveText('Type an email address or a phone number.');
  await expect(s.email).toBeFocused();
  await expect(s.email).toHaveAttribute('aria-invalid', 'true');

  // Keyboard: type the email and press Enter.
  const email = freshEmail('maria.lopez');
  await s.email.fill(email);
  await s.email.press('Enter');
  await expect(s.create.getByTestId('sched-not-found')).toHaveText(`No contact or lead in Zoho has the email ${email}.`);
  await expect(s.create).toHaveAccessibleName('New Lead');
  await expect(s.create.getByLabel('First name')).toBeFocused();
  await expect(s.create.getByLabel('Company')).toHaveValue('northwind-example.com');

  // Last name is required: the form says so and keeps the keyboard there.
  await s.create.getByLabel('First name').fill('Maria');
  await s.create.getByRole('button', { name: 'Create Lead and continue' }).click();
  await expect(s.create).toContainText('Type the last name.');
  await expect(s.create.getByLabel('Last name (required)')).toBeFocused();
  await s.create.getByLabel('Last name (required)').fill('Lopez');
  await snap(s.page, 'lookup');
  expect(await accessibilityViolations(s.page, 'stagecoach-panel')).toEqual([]);
  await s.create.getByRole('button', { name: 'Create Lead and continue' }).click();

  await expect(s.result).toContainText('Created Lead Maria Lopez in Zoho.');
  await expect(s.result).toBeFocused();
  await expect(s.person).toContainText('Maria Lopez');
  await expect(s.upcoming).toContainText('Upcoming meetings with Maria Lopez');
  await expect(s.create).toHaveCount(0);

  const leads = await records('Leads', [`Email:${email}`]);
  expect(leads).toHaveLength(1);
  const lead = leads[0]!;
  expect(lead.Last_Name).toBe('Lopez');
  expect(lead.First_Name).toBe('Maria');
  expect(lead.Company).toBe('northwind-example.com');
  expect(await records('Contacts', [`Email:${email}`])).toHaveLength(0);

  // Book the first free slot: with the new lead, for the deal.
  const first = s.slots.first();
  await expect(first).toBeVisible({ timeout: 20_000 });
  const start = await first.getAttribute('data-start');
  await first.click();
  await expect(s.dialog).toHaveAccessibleName('Book a meeting with Maria Lopez');
  await expect(s.dialog).toContainText(`For the deal: ${deal.Deal_Name as string}`);
  const unique = `Scanner walkthrough ${Date.now()}`;
  await s.dialog.getByLabel('Title').fill(unique);
  await snap(s.page, 'lookup-book-dialog');
  await s.dialog.getByRole('button', { name: 'Book meeting' }).click();
  await expect(s.root.getByTestId('sched-outcome')).toContainText('Meeting saved in Zoho.');
  await snap(s.page, 'lookup-booked');

  const found = await records('Events', [], unique);
  expect(found).toHaveLength(1);
  const event = found[0]!;
  expect((event.What_Id as Lookup)?.id).toBe(deal.id);
  expect((event.Owner as Lookup)?.id).toBe(rep.id);
  expect(event.Participants as Participant[]).toContainEqual(expect.objectContaining({ type: 'lead', participant: lead.id }));
  expect(Date.parse(event.Start_DateTime as string)).toBe(Date.parse(start!));
  // Still exactly one lead with that email.
  expect(await records('Leads', [`Email:${email}`])).toHaveLength(1);

  // Back to the deal's contact.
  await s.result.getByRole('button', { name: `Back to ${joann.Full_Name as string}` }).click();
  await expect(s.upcoming).toContainText(`Upcoming meetings with ${joann.Full_Name as string}`);
  await expect(s.email).toBeFocused();
});

test('ANN@acme.com finds Ann Carter, not JoAnn (Zoho’s fuzzy search is confirmed locally); so does her phone', async ({ context, popup }) => {
  const s = await open(context, popup, 'Contacts', joann.id, joann.Full_Name as string);
  // On a contact's page it is a disclosure, closed at first.
  const toggle = s.finder.getByRole('button', { name: 'Book with someone else' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(s.email).toBeHidden();
  await toggle.focus();
  await s.page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(s.email).toBeFocused();

  await s.page.keyboard.type('ANN@acme.com');
  await s.page.keyboard.press('Enter');
  await expect(s.result).toContainText('Found Ann Carter (Contact).');
  await expect(s.result).toBeFocused();
  await expect(s.person).toContainText('Ann Carter');
  await expect(s.upcoming).toContainText('Upcoming meetings with Ann Carter');
  // Her free times, with her local time (Los Angeles, from her address).
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('Ann Carter');
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('Los Angeles');
  await expect(s.slots.first()).toBeVisible({ timeout: 20_000 });
  await expect(s.slots.first()).toHaveAccessibleName(/Ann Carter’s time/);
  await snap(s.page, 'lookup-found');
  expect(await accessibilityViolations(s.page, 'stagecoach-panel')).toEqual([]);

  // A part of both addresses matches both in Zoho's search, and is neither.
  await s.email.fill('nn@acme.com');
  await s.email.press('Enter');
  await expect(s.create.getByTestId('sched-not-found')).toHaveText('No contact or lead in Zoho has the email nn@acme.com.');

  // By phone, typed differently from how Zoho stores it: Ann again.
  await s.email.fill('');
  await s.phone.fill('+1 213-555-0147');
  await s.phone.press('Enter');
  await expect(s.result).toContainText('Found Ann Carter (Contact).');
  await expect(s.create).toHaveCount(0);

  // A phone number that is not one.
  await s.phone.fill('call me');
  await s.phone.press('Enter');
  await expect(s.finder.getByTestId('sched-find-problem')).toContainText('A phone number needs at least 7 digits');
  await expect(s.phone).toBeFocused();

  await s.phone.fill('');
  await s.email.fill('ann@acme.com');
  await s.email.press('Enter');
  await s.result.getByRole('button', { name: `Back to ${joann.Full_Name as string}` }).click();
  await expect(s.upcoming).toContainText(`Upcoming meetings with ${joann.Full_Name as string}`);
  await expect(s.person).toHaveCount(0);
});

test('a Lead created while Zoho is unreachable is queued, and the panel continues with it once it is in Zoho', async ({ context, popup }) => {
  const s = await open(context, popup, 'Deals', deal.id, deal.Deal_Name as string);
  const email = freshEmail('kenji.sato');
  await s.email.fill(email);
  await s.email.press('Enter');
  await s.create.getByLabel('Last name (required)').fill('Sato');

  await sandbox.fault({ match: { method: 'POST', path: '/crm/v8/Leads' }, count: 1000, drop: 'before' });
  try {
    await s.create.getByRole('button', { name: 'Create Lead and continue' }).click();
    await expect(s.result).toContainText('Zoho cannot be reached, so Sato is kept in this browser');
    await expect(s.result).toBeFocused();
    // Still with the deal's contact: nobody to book with yet.
    await expect(s.upcoming).toContainText(`Upcoming meetings with ${joann.Full_Name as string}`);
    await snap(s.page, 'lookup-queued');
  } finally {
    await sandbox.clearFaults();
  }
  await expect(s.result).toContainText('Created Lead Sato in Zoho.', { timeout: 60_000 });
  await expect(s.person).toContainText('Sato');
  await expect(s.upcoming).toContainText('Upcoming meetings with Sato');
  await expect(s.slots.first()).toBeVisible({ timeout: 20_000 });
  expect(await records('Leads', [`Email:${email}`])).toHaveLength(1);
});

test('a lead created moments ago (not yet in Zoho’s search) with a + address Zoho’s search refuses is found, not created again', async ({ context, popup }) => {
  const email = freshEmail('dana+crm');
  const created = await sandbox.createRecord('Leads', { First_Name: 'Dana', Last_Name: 'Quick', Company: 'Northwind', Email: email });
  const s = await open(context, popup, 'Deals', deal.id, deal.Deal_Name as string);
  await s.email.fill(email);
  await s.email.press('Enter');
  await expect(s.result).toContainText('Found Dana Quick (Lead).');
  await expect(s.create).toHaveCount(0);
  expect((await records('Leads', [], email)).map((lead) => lead.id)).toEqual([(created as { id: string }).id]);
  // Zoho's search refused the address; COQL found her.
  const log = (await sandbox.log()).entries;
  expect(log.some((entry) => entry.path === '/crm/v8/Leads/search' && entry.status === 400)).toBe(true);
  expect(log.some((entry) => entry.path === '/crm/v8/coql' && entry.status === 200)).toBe(true);
  await snap(s.page, 'lookup-found-fresh');
});
