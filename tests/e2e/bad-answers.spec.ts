// Bad answers from Zoho, seen by a person (issue 11): an HTML error page, an empty body, a 200
// with an error body, a 207 partial failure. A clear message each time, no crash, nothing
// half-written without the user knowing. (Every shape is tabled in tests/unit/bad-answers.test.ts.)
import { expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const ann = SEED.contacts.annCarter;
const HTML_PAGE = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>';

test('reads: an HTML error page and an empty body are clear messages in the panel, and it recovers', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  const crashes: string[] = [];
  page.on('pageerror', (error) => crashes.push(error.message));
  const panel = new RecordPanel(page);

  // An HTML 502 on every try of the record's read: the client's retries give up, and the panel
  // says Zoho is not answering (one banner, issue 15), never that Zoho refused.
  await sandbox.fault({ match: { path: `/crm/v8/Contacts/${ann.id}` }, count: 20, status: 502, body: HTML_PAGE, contentType: 'text/html' });
  await page.goto(recordUrl('Contacts', ann.id));
  const banner = panel.root.getByTestId('trouble-banner');
  await expect(banner).toHaveCount(1, { timeout: 30_000 });
  await expect(banner).not.toContainText('<');
  await expect(banner).toContainText('Zoho isn’t answering');
  await expect(panel.root).not.toContainText('refused');
  await snap(page, 'bad-answer-html-502');
  await sandbox.clearFaults();
  await banner.getByRole('button', { name: 'Try again' }).click();
  await expect(panel.name).toHaveText('Ann Carter');

  // An empty body with 200, on a record not read before (a cached one would show, marked stale):
  // an answer cut off on its way is Zoho not answering too.
  const joann = SEED.contacts.joannWhitfield;
  await sandbox.fault({ match: { path: `/crm/v8/Contacts/${joann.id}` }, count: 20, status: 200, body: '' });
  await page.goto(recordUrl('Contacts', joann.id));
  await expect(banner).toContainText('Zoho isn’t answering', { timeout: 30_000 });
  await snap(page, 'bad-answer-empty-200');
  await sandbox.clearFaults();
  expect(crashes).toEqual([]);
});

test('writes: a 200 with an error body waits and lands once; a 207 per-record failure is refused in Zoho’s words and nothing is written', async ({ context, popup }) => {
  await popup.connect();
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', ann.id));
  const panel = new RecordPanel(page);
  await expect(panel.name).toHaveText('Ann Carter');
  const box = panel.root.getByLabel('Add a note to this record');

  // A 200 whose body is an error (the write did not happen): kept, said so, sent again, once.
  const waiting = `Waits after a 200 error body ${Date.now()}`;
  await sandbox.fault({ match: { method: 'POST', path: '/crm/v8/Notes' }, count: 1, status: 200, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal server error occurred.', status: 'error' } });
  await box.fill(waiting);
  await panel.root.getByRole('button', { name: 'Add note' }).click();
  await expect(panel.root.getByRole('status')).toContainText(/will be sent to Zoho|saved in Zoho/);
  await expect.poll(async () => (await sandbox.recordsContaining('Notes', waiting)).length, { timeout: 60_000 }).toBe(1);

  // A 207 with a per-record error: refused, Zoho's words shown, the text kept, nothing in Zoho.
  const refused = `Refused by a 207 ${Date.now()}`;
  const partial = { data: [{ code: 'INVALID_DATA', details: { api_name: 'Note_Content', json_path: '$.data[0].Note_Content' }, message: 'invalid data', status: 'error' }] };
  await sandbox.fault({ match: { method: 'POST', path: '/crm/v8/Notes' }, count: 1, status: 207, body: partial });
  await box.fill(refused);
  await panel.root.getByRole('button', { name: 'Add note' }).click();
  await expect(panel.root.getByRole('alert')).toContainText('Zoho said: invalid data (Note_Content)');
  await expect(box).toHaveValue(refused);
  await panel.root.getByRole('alert').scrollIntoViewIfNeeded();
  await snap(page, 'bad-answer-207');
  expect(await sandbox.recordsContaining('Notes', refused)).toHaveLength(0);
  await popup.open();
  await expect(popup.page.getByTestId('outbox')).toContainText('Zoho said: invalid data (Note_Content)');
  expect(await sandbox.recordsContaining('Notes', waiting)).toHaveLength(1);
});
