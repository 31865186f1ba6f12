// Scheduling from the record panel against the sandbox: book from a contact and from a deal, the
// race (a slot taken between showing and booking), cancel, reschedule, the contact's local times,
// copy times, and the feature switches.
import type { Locator, Page } from '@playwright/test';
import { accessibilityViolations, expect, openPanelFrame, RecordPanel, recordUrl, sandbox, SEED, snap, test, type PopupPage } from './fixtures';
import { holidays } from '../../sandbox/calendar';

const ann = SEED.contacts.annCarter;
const rep = SEED.users.rep;
const deal = SEED.deals.acmeTelematics;

type StoredRecord = { id: string } & Record<string, unknown>;
type Lookup = { id: string; name?: string } | null | undefined;
type Participant = { type: string; participant: string };

async function control<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(new URL(path, sandbox.origin), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Events in the sandbox, as `GET /__sandbox/records/Events?where=…&contains=…` answers. */
async function events(where: string[] = [], contains?: string): Promise<StoredRecord[]> {
  const query = new URLSearchParams();
  for (const clause of where) query.append('where', clause);
  if (contains) query.append('contains', contains);
  const answer = await control<{ count: number; records: StoredRecord[] }>('GET', `/__sandbox/records/Events?${query}`);
  expect(answer.status).toBe(200);
  return answer.body.records;
}

/** An Event written behind the extension's back, as the rep (another device, a colleague's booking). */
async function createEventBehindTheBack(data: Record<string, unknown>): Promise<StoredRecord> {
  const answer = await control<StoredRecord>('POST', `/__sandbox/records/Events?as=${rep.id}`, { Owner: { id: rep.id }, ...data });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body;
}

const sameInstant = (a: unknown, b: string | null) => typeof a === 'string' && b !== null && Date.parse(a) === Date.parse(b);
/** ICU writes a narrow no-break space before AM/PM; Node's and Chromium's ICU may differ on that. */
const spaces = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ').trim();

class Scheduling {
  readonly panel: RecordPanel;
  constructor(readonly page: Page) {
    this.panel = new RecordPanel(page);
  }
  get root(): Locator {
    return this.panel.root.getByTestId('scheduling');
  }
  get slots(): Locator {
    return this.root.getByTestId('sched-slot');
  }
  slotAt(start: string): Locator {
    return this.root.locator(`[data-testid="sched-slot"][data-start="${start}"]`);
  }
  get dialog(): Locator {
    return this.panel.root.getByRole('dialog');
  }
  get upcoming(): Locator {
    return this.root.getByTestId('sched-upcoming');
  }
  meeting(text: string): Locator {
    return this.upcoming.getByTestId('sched-meeting').filter({ hasText: text });
  }
  /** The list starts with the first few meetings; this opens the rest. */
  async showAllMeetings(): Promise<void> {
    await expect(this.upcoming.getByTestId('sched-meeting').first()).toBeVisible({ timeout: 20_000 });
    const more = this.upcoming.getByRole('button', { name: /^Show all \d+ meetings$/ });
    if (await more.count()) await more.click();
  }
  get outcome(): Locator {
    return this.root.getByTestId('sched-outcome');
  }
  /** The first free slot's instants, once the slots are shown. */
  async firstSlot(): Promise<{ locator: Locator; start: string; end: string }> {
    const locator = this.slots.first();
    await expect(locator).toBeVisible({ timeout: 20_000 });
    const start = await locator.getAttribute('data-start');
    const end = await locator.getAttribute('data-end');
    if (!start || !end) throw new Error('slot without data-start/data-end');
    return { locator, start, end };
  }
}

async function openRecord(context: { newPage(): Promise<Page> }, popup: PopupPage, module: 'Contacts' | 'Deals', id: string, name: string) {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl(module, id));
  const scheduling = new Scheduling(page);
  await expect(scheduling.panel.name).toHaveText(name);
  return scheduling;
}

test('books the first free slot from a contact page: one Event with the rep as owner and Ann as participant', async ({ context, popup }) => {
  const s = await openRecord(context, popup, 'Contacts', ann.id, 'Ann Carter');
  const { locator: first, start, end } = await s.firstSlot();

  // Keyboard: Enter opens the dialog with focus inside it, Escape closes it and gives focus back.
  await first.focus();
  await s.page.keyboard.press('Enter');
  await expect(s.dialog).toBeVisible();
  await expect(s.dialog).toHaveAccessibleName('Book a meeting with Ann Carter');
  const title = s.dialog.getByLabel('Title');
  await expect(title).toBeFocused();
  await expect(title).toHaveValue('Meeting with Ann Carter');
  // Tab stays inside the dialog: from the last control (Cancel) it wraps to the first.
  await s.dialog.getByRole('button', { name: 'Cancel' }).focus();
  await s.page.keyboard.press('Tab');
  await expect(title).toBeFocused();
  await s.page.keyboard.press('Escape');
  await expect(s.dialog).toBeHidden();
  await expect(first).toBeFocused();

  await first.click();
  await expect(s.dialog).toBeVisible();
  const unique = `Intro call ${Date.now()}`;
  await s.dialog.getByLabel('Title').fill(unique);
  await expect(s.dialog.getByLabel('Length (minutes)')).toHaveValue(String((Date.parse(end) - Date.parse(start)) / 60_000));
  await s.dialog.getByLabel('Location or video link').fill('https://meet.example.com/ann');
  await s.dialog.getByLabel('Description').fill('First look at the telematics rollout.');
  await expect(s.dialog.getByLabel('Send an invitation to Ann Carter')).toBeChecked();
  await s.dialog.getByLabel('Add a follow-up task').check();
  await expect(s.dialog.getByLabel('Task subject')).toHaveValue('Follow up with Ann Carter');
  await snap(s.page, 'scheduling-dialog');
  expect(await accessibilityViolations(s.page, 'stagecoach-panel')).toEqual([]);
  await s.dialog.getByRole('button', { name: 'Book meeting' }).click();

  await expect(s.dialog).toBeHidden();
  await expect(s.outcome).toContainText(`Booked: ${unique}`);
  await expect(s.outcome).toContainText('Meeting saved in Zoho.');

  const found = await events([`Who_Id:${ann.id}`], unique);
  expect(found).toHaveLength(1);
  const event = found[0]!;
  expect((event.Owner as Lookup)?.id).toBe(rep.id);
  expect((event.Who_Id as Lookup)?.id).toBe(ann.id);
  // Invited through Zoho's `$send_notification` (the sandbox invites for nothing else).
  expect(event.Participants as Participant[]).toContainEqual(expect.objectContaining({ type: 'contact', participant: ann.id, invited: true }));
  expect(sameInstant(event.Start_DateTime, start)).toBe(true);
  expect(sameInstant(event.End_DateTime, end)).toBe(true);
  expect(event.Venue).toBe('https://meet.example.com/ann');
  // The follow-up task went with it.
  await expect.poll(async () => (await sandbox.recordsContaining('Tasks', 'Follow up with Ann Carter')).length).toBe(1);

  // The panel lists it under upcoming meetings, and the slot is no longer offered.
  await s.showAllMeetings();
  await expect(s.meeting(unique)).toBeVisible();
  await expect(s.meeting(unique)).toHaveAttribute('data-event-id', event.id);
  await expect(s.slotAt(start)).toHaveCount(0);
  await snap(s.page, 'scheduling-booked');
});

test('out-of-office that Zoho refuses to give: the free times are still shown, with a notice that days away may be missing', async ({ context, popup }) => {
  await sandbox.fault({ match: { path: '/settings/users_unavailability' }, count: 50, status: 400, body: { code: 'INVALID_REQUEST', details: {}, message: 'unable to process your request', status: 'error' } });
  try {
    const s = await openRecord(context, popup, 'Contacts', ann.id, 'Ann Carter');
    await s.firstSlot();
    const notice = s.root.getByTestId('sched-ooo-unread');
    await expect(notice).toHaveText('Your out-of-office could not be read from Zoho, so days you are away may show as free.');
    await expect(notice).toHaveAttribute('role', 'status');
    // Every free time of the window, not only those in Ann's day (issue 15: the rest sit behind "Show all times").
    await s.root.getByTestId('sched-show-all').click();
    expect(await s.slots.count()).toBeGreaterThan(3);
    await expect(s.root.getByRole('alert')).toHaveCount(0);
    expect((await sandbox.log()).entries.some((entry) => entry.path.endsWith('/settings/users_unavailability') && entry.status === 400)).toBe(true);
    await notice.scrollIntoViewIfNeeded();
    await snap(s.page, 'scheduling-ooo-unread');
    expect(await accessibilityViolations(s.page, 'stagecoach-panel')).toEqual([]);
  } finally {
    await sandbox.clearFaults();
  }
});

test('a company holiday in Zoho has no free times that day, and the panel names it', async ({ context, popup }) => {
  const { body: seed } = await control<{ seededAt: string }>('GET', '/__sandbox/seed');
  const founders = holidays(Date.parse(seed.seededAt)).find((holiday) => holiday.name === "Founders' Day")!;
  const s = await openRecord(context, popup, 'Contacts', ann.id, 'Ann Carter');
  await s.firstSlot();
  // None of Priya's times is in Ann's day (Los Angeles): every time is behind "Show all times".
  await s.root.getByTestId('sched-show-all').click();
  const notice = s.root.getByTestId('sched-holidays');
  await expect(notice).toContainText("Company holidays in Zoho, with no free times: Founders' Day (");
  // Every day of the window shown: the days around the holiday have free times, the holiday none.
  const more = s.root.getByRole('button', { name: 'Show more days' });
  while (await more.count()) await more.click();
  const shift = (days: number) => new Date(Date.parse(`${founders.date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  await expect(s.root.locator(`[data-testid="sched-day"][data-day="${shift(-1)}"]`)).toHaveCount(1);
  await expect(s.root.locator(`[data-testid="sched-day"][data-day="${founders.date}"]`)).toHaveCount(0);
  await expect(s.root.locator(`[data-testid="sched-day"][data-day="${shift(1)}"]`)).toHaveCount(1);
  await s.root.locator(`[data-testid="sched-day"][data-day="${shift(-1)}"]`).scrollIntoViewIfNeeded();
  await snap(s.page, 'scheduling-holiday');
  await notice.scrollIntoViewIfNeeded();
  await snap(s.page, 'scheduling-holiday-notice');
  expect(await accessibilityViolations(s.page, 'stagecoach-panel')).toEqual([]);
});

test('the race: a slot taken in Zoho after it was shown is not booked, the rep is told, and the slots refresh', async ({ context, popup }) => {
  const s = await openRecord(context, popup, 'Contacts', ann.id, 'Ann Carter');
  const { locator: first, start, end } = await s.firstSlot();

  const taken = await createEventBehindTheBack({ Event_Title: `Booked elsewhere ${Date.now()}`, Start_DateTime: start, End_DateTime: end });
  const before = (await events([`Owner:${rep.id}`])).length;

  await first.click();
  const unique = `Race ${Date.now()}`;
  await s.dialog.getByLabel('Title').fill(unique);
  await s.dialog.getByLabel('Location or video link').fill('Room 4');
  await s.dialog.getByRole('button', { name: 'Book meeting' }).click();

  await expect(s.dialog).toBeHidden();
  const alert = s.root.getByTestId('sched-taken').getByRole('alert');
  await expect(alert).toContainText('That time was taken in Zoho since the slots were shown');
  await expect(alert).toHaveAttribute('data-error-code', 'slot_taken');
  expect(taken.id).toBeTruthy();
  // Nothing written: the only new event is the one made behind the extension's back.
  expect(await events([`Owner:${rep.id}`])).toHaveLength(before);
  expect(await events([], unique)).toHaveLength(0);
  // The slots were fetched again, without that time.
  await expect(s.slotAt(start)).toHaveCount(0);
  await expect(s.slots.first()).toBeVisible();
  await snap(s.page, 'scheduling-taken');

  // Picking another time brings back what was typed.
  await s.slots.first().click();
  await expect(s.dialog.getByLabel('Title')).toHaveValue(unique);
  await expect(s.dialog.getByLabel('Location or video link')).toHaveValue('Room 4');
  await s.dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(s.dialog).toBeHidden();
});

test('cancels one upcoming meeting (the Event is deleted) and reschedules another (same Event, new times)', async ({ context, popup }) => {
  const day = 24 * 60 * 60_000;
  const at = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const stamp = Date.now();
  const common = { Who_Id: { id: ann.id }, Participants: [{ type: 'contact', participant: ann.id }] };
  const toCancel = await createEventBehindTheBack({ ...common, Event_Title: `Cancel me ${stamp}`, Start_DateTime: at(stamp + 20 * day), End_DateTime: at(stamp + 20 * day + 3_600_000) });
  const toMove = await createEventBehindTheBack({ ...common, Event_Title: `Move me ${stamp}`, Start_DateTime: at(stamp + 21 * day), End_DateTime: at(stamp + 21 * day + 3_600_000) });

  const s = await openRecord(context, popup, 'Contacts', ann.id, 'Ann Carter');
  await s.showAllMeetings();
  await expect(s.meeting(`Cancel me ${stamp}`)).toBeVisible();

  // Cancel, with a note on the record.
  await s.meeting(`Cancel me ${stamp}`).getByRole('button', { name: `Cancel meeting: Cancel me ${stamp}` }).click();
  await expect(s.dialog).toHaveAccessibleName('Cancel this meeting?');
  await snap(s.page, 'scheduling-cancel-dialog');
  const note = `Ann asked to cancel ${stamp}`;
  await s.dialog.getByLabel('Note on the record (optional)').fill(note);
  await s.dialog.getByRole('button', { name: 'Cancel meeting' }).click();
  await expect(s.outcome).toContainText(`Cancelled: Cancel me ${stamp}`);
  await expect(s.outcome).toContainText('Meeting deleted in Zoho.');
  expect((await control('GET', `/__sandbox/records/Events/${toCancel.id}`)).status).toBe(404);
  await expect.poll(async () => (await sandbox.recordsContaining('Notes', note)).length).toBe(1);
  await expect(s.meeting(`Cancel me ${stamp}`)).toHaveCount(0);

  // Reschedule: pick a new free slot, confirm, and the same Event has the new times.
  await s.meeting(`Move me ${stamp}`).getByRole('button', { name: `Reschedule: Move me ${stamp}` }).click();
  await expect(s.root.getByTestId('sched-moving')).toContainText(`Move me ${stamp}`);
  const { locator: target, start } = await s.firstSlot();
  await expect(target).toHaveAccessibleName(/^Move to /);
  await snap(s.page, 'scheduling-moving');
  await target.click();
  await expect(s.dialog).toHaveAccessibleName('Move this meeting?');
  await snap(s.page, 'scheduling-move-dialog');
  await s.dialog.getByRole('button', { name: 'Move meeting' }).click();
  await expect(s.outcome).toContainText(`Moved: Move me ${stamp}`);
  await expect(s.outcome).toContainText('Meeting saved in Zoho.');

  const moved = await control<StoredRecord>('GET', `/__sandbox/records/Events/${toMove.id}`);
  expect(moved.status).toBe(200);
  expect(sameInstant(moved.body.Start_DateTime, start)).toBe(true);
  // The meeting kept its hour.
  expect(Date.parse(moved.body.End_DateTime as string) - Date.parse(start)).toBe(3_600_000);
  expect(await events([], `Move me ${stamp}`)).toHaveLength(1);
  await expect(s.meeting(`Move me ${stamp}`)).toHaveAttribute('data-event-id', toMove.id);
  await expect(s.root.getByTestId('sched-moving')).toHaveCount(0);
});

test('a rep in Asia/Kolkata sees Ann’s Los Angeles times beside each slot; the zone can be changed; copy times', async ({ context, popup }) => {
  expect(rep.time_zone).toBe('Asia/Kolkata');
  const s = await openRecord(context, popup, 'Contacts', ann.id, 'Ann Carter');
  await s.firstSlot();
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('Los Angeles');
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('from the address');
  // Every time, not only the nearest to Ann's day (tests/e2e/day-times.spec.ts covers those).
  await s.root.getByTestId('sched-show-all').click();

  const repTime = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Asia/Kolkata' });
  const timeIn = (timeZone: string) => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone });
  const dateIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });

  const count = await s.slots.count();
  expect(count).toBeGreaterThan(3);
  for (const index of [0, 1, Math.floor(count / 2), count - 1]) {
    const slot = s.slots.nth(index);
    const start = Date.parse((await slot.getAttribute('data-start'))!);
    expect(spaces(await slot.getByTestId('slot-rep-time').textContent())).toBe(spaces(repTime.format(start)));
    // A time outside Ann's working day carries a ☾ before it.
    const theirs = spaces(await slot.getByTestId('slot-contact-time').textContent()).replace(/^☾ /, '');
    expect(theirs.startsWith(spaces(timeIn('America/Los_Angeles').format(start)))).toBe(true);
    // The slot sits under the day it falls on in Kolkata.
    const day = await s.root.getByTestId('sched-day').filter({ has: s.page.locator(`[data-start="${await slot.getAttribute('data-start')}"]`) }).getAttribute('data-day');
    expect(day).toBe(dateIn('Asia/Kolkata').format(start));
  }
  // The spoken label names both times and Ann's zone abbreviation.
  const firstStart = Date.parse((await s.slots.first().getAttribute('data-start'))!);
  const abbreviation = new Intl.DateTimeFormat('en', { timeZone: 'America/Los_Angeles', timeZoneName: 'short' }).formatToParts(firstStart).find((p) => p.type === 'timeZoneName')!.value;
  const name = spaces(await s.slots.first().getAttribute('aria-label'));
  expect(name).toContain(`${spaces(timeIn('America/Los_Angeles').format(firstStart))} Ann Carter’s time (${abbreviation})`);
  await snap(s.page, 'scheduling-panel');
  expect(await accessibilityViolations(s.page, 'stagecoach-panel')).toEqual([]);
  // The rest of the panel, scrolled: more days, copy times, the note form.
  await s.root.getByRole('button', { name: 'Show more days' }).click();
  await expect(s.root.getByTestId('sched-day')).toHaveCount(6);
  await expect(s.root.getByTestId('sched-day').nth(3).getByRole('heading')).toBeFocused();
  await s.root.getByRole('button', { name: 'Copy 3 times' }).scrollIntoViewIfNeeded();
  await snap(s.page, 'scheduling-panel-more');

  // Copy 3 times: three proposals in Ann's zone with the rep's time in brackets, as text.
  // The page reads it; the panel's frame (the extension's origin) writes it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await s.root.getByRole('button', { name: 'Copy 3 times' }).click();
  await expect(s.root.getByTestId('sched-copy-status')).toContainText('Copied');
  const copied = spaces(await s.page.evaluate(() => navigator.clipboard.readText()));
  const lines = copied.split('\n');
  expect(lines[0]).toBe('Would any of these times work for you? (Your time first, mine in brackets.)');
  expect(lines.slice(1)).toHaveLength(3);
  for (const line of lines.slice(1)) expect(line).toMatch(/^• .+ (PST|PDT) \(.+ GMT\+5:30\)$/);

  // The rep sets Ann's zone (she is in London this month), then clears it back to her address.
  await s.root.getByRole('button', { name: 'Change Ann Carter’s time zone' }).click();
  await s.root.getByLabel('Ann Carter’s time zone', { exact: true }).selectOption('Europe/London');
  await s.root.getByRole('button', { name: 'Save' }).click();
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('London');
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('set by you');
  const slot = s.slots.first();
  const start = Date.parse((await slot.getAttribute('data-start'))!);
  await expect.poll(async () => spaces(await slot.getByTestId('slot-contact-time').textContent()).replace(/^☾ /, '').startsWith(spaces(timeIn('Europe/London').format(start)))).toBe(true);

  await s.root.getByRole('button', { name: 'Change Ann Carter’s time zone' }).click();
  await s.root.getByLabel('Ann Carter’s time zone', { exact: true }).selectOption('');
  await s.root.getByRole('button', { name: 'Save' }).click();
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('Los Angeles');
});

test('books from a deal page with the deal’s contact as participant and the deal as What_Id', async ({ context, popup }) => {
  const s = await openRecord(context, popup, 'Deals', deal.id, deal.Deal_Name as string);
  await expect(s.root).toContainText('Ann Carter');
  await expect(s.upcoming).toContainText('Upcoming meetings with Ann Carter');
  const { locator: first, start, end } = await s.firstSlot();
  await first.click();
  await expect(s.dialog).toContainText(`For the deal: ${deal.Deal_Name as string}`);
  await expect(s.dialog.getByLabel('Title')).toHaveValue('Meeting with Ann Carter');
  const unique = `Rollout plan ${Date.now()}`;
  await s.dialog.getByLabel('Title').fill(unique);
  await s.dialog.getByLabel('Note on the record (optional)').fill(`Booked from the deal ${unique}`);
  await s.dialog.getByRole('button', { name: 'Book meeting' }).click();
  await expect(s.outcome).toContainText('Meeting saved in Zoho.');

  const found = await events([`What_Id:${deal.id}`], unique);
  expect(found).toHaveLength(1);
  const event = found[0]!;
  expect((event.What_Id as Lookup)?.id).toBe(deal.id);
  expect((event.Who_Id as Lookup)?.id).toBe(ann.id);
  expect((event.Owner as Lookup)?.id).toBe(rep.id);
  expect(event.Participants as Participant[]).toContainEqual(expect.objectContaining({ type: 'contact', participant: ann.id }));
  expect(sameInstant(event.Start_DateTime, start)).toBe(true);
  expect(sameInstant(event.End_DateTime, end)).toBe(true);
  await expect.poll(async () => (await sandbox.recordsContaining('Notes', `Booked from the deal ${unique}`)).length).toBe(1);
  await s.showAllMeetings();
  await expect(s.meeting(unique)).toBeVisible();
});

test('feature switches: booking and cancelling off hide their controls; slot check off hides the free times', async ({ context, popup }) => {
  await popup.connect();
  const save = async (features: Record<string, boolean>) => {
    const answer = (await popup.send({ type: 'saveSettings', data: { patch: { features } } })) as { ok: boolean };
    expect(answer.ok).toBe(true);
  };
  await save({ booking: false, cancellation: false });
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const s = new Scheduling(page);
  await expect(s.panel.name).toHaveText('Ann Carter');
  await expect(s.slots.first()).toBeVisible({ timeout: 20_000 });
  // The times are shown (and can be copied), but are not buttons.
  await expect(s.root.getByRole('button', { name: /^Book / })).toHaveCount(0);
  await expect(s.root.getByRole('button', { name: 'Copy 3 times' })).toBeVisible();
  await expect(s.upcoming.getByRole('button', { name: /^Cancel meeting/ })).toHaveCount(0);
  await expect(s.upcoming.getByRole('button', { name: /^Reschedule/ })).toHaveCount(0);
  // The background refuses too.
  const refused = (await (await openPanelFrame(popup.page.context())).evaluate((m) => chrome.runtime.sendMessage(m), {
    type: 'bookMeeting',
    data: { module: 'Contacts', recordId: ann.id, start: '2030-01-07T09:00:00+05:30', end: '2030-01-07T09:30:00+05:30', title: 'x', sendInvitation: false },
  })) as { ok: boolean; error?: { code: string } };
  expect(refused.error?.code).toBe('feature_disabled');

  await save({ slotCheck: false, booking: true, cancellation: true });
  await page.reload();
  await expect(s.panel.name).toHaveText('Ann Carter');
  await expect(s.upcoming).toBeVisible();
  await expect(s.root.getByTestId('sched-free-times')).toHaveCount(0);
});

test('books from a lead page: the lead is the participant and the What_Id, and the meeting is listed', async ({ context, popup }) => {
  const lead = SEED.leads.marcusLee;
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Leads', lead.id));
  const s = new Scheduling(page);
  await expect(s.panel.name).toHaveText('Marcus Lee');
  await expect(s.root.getByTestId('sched-contact-zone')).toContainText('Los Angeles'); // Seattle
  const { locator: first, start, end } = await s.firstSlot();
  await first.click();
  const unique = `Pinecrest demo ${Date.now()}`;
  await s.dialog.getByLabel('Title').fill(unique);
  await s.dialog.getByRole('button', { name: 'Book meeting' }).click();
  await expect(s.outcome).toContainText('Meeting saved in Zoho.');

  const found = await events([], unique);
  expect(found).toHaveLength(1);
  const event = found[0]!;
  expect((event.What_Id as Lookup)?.id).toBe(lead.id);
  expect(event.Who_Id ?? null).toBeNull();
  expect(event.Participants as Participant[]).toContainEqual(expect.objectContaining({ type: 'lead', participant: lead.id }));
  expect(sameInstant(event.Start_DateTime, start)).toBe(true);
  expect(sameInstant(event.End_DateTime, end)).toBe(true);
  await s.showAllMeetings();
  await expect(s.meeting(unique)).toBeVisible();
});
