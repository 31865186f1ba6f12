// Stage suggestions as managers and reps use them on a deal page: approve (the stage and an audit
// note land in Zoho), request approval (a Task for the owner's manager; a forged approve refused
// by the background), reject (gone until new evidence), Zoho's refusals shown verbatim, the AI
// provider's good and bad answers, and follow-up tasks that are created once.
import type { Page } from '@playwright/test';
import { accessibilityViolations, expect, openPanelFrame, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const deal = SEED.deals.acmeTelematics;
const dealName = String(deal.Deal_Name);

async function openDeal(page: Page, id = deal.id) {
  // Tall enough for the whole panel, so its screenshots show every part of the card.
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.goto(recordUrl('Deals', id));
  const panel = new RecordPanel(page);
  const section = panel.root.getByTestId('stage-section');
  await expect(section.getByTestId('stage-bar')).toBeVisible();
  return { panel, section };
}

async function stageOf(id: string): Promise<string> {
  return String((await sandbox.record('Deals', id)).Stage);
}

test('a manager approves the suggested stage: Zoho has the new stage and an audit note', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  const { section } = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  await expect(card).toBeVisible();
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  expect(target).not.toBe(String(deal.Stage));
  // The current stage is marked in the pipeline, in Zoho's order.
  await expect(section.getByTestId('stage-bar').locator('[aria-current="step"]')).toContainText(String(deal.Stage));
  await expect(card.getByTestId('suggestion-basis')).toContainText('Criterion met');
  const evidence = card.getByTestId('evidence').getByRole('listitem');
  expect(await evidence.count()).toBeGreaterThan(0);
  // Each evidence item links to its source in Zoho.
  await expect(evidence.first().getByRole('link')).toHaveAttribute('href', /\/crm\/org\d+\/tab\/(Potentials|Events|Tasks)\/\d+$/);
  await snap(section, 'suggestion-card-manager');

  await card.getByRole('button', { name: `Approve: ${target}` }).click();
  await expect(section.getByTestId('decision-outcome')).toContainText(`Stage changed to ${target}`);
  expect(await stageOf(deal.id)).toBe(target);
  await expect.poll(async () => (await sandbox.recordsContaining('Notes', `Stage changed: ${String(deal.Stage)} → ${target}`)).length).toBe(1);
  const [note] = await sandbox.recordsContaining('Notes', `Stage changed: ${String(deal.Stage)} → ${target}`);
  expect(String(note!.Note_Content)).toContain('Approved by: Daniel');
  expect(String(note!.Note_Content)).toMatch(/Criterion: /);
  expect((note!.Parent_Id as { id: string }).id).toBe(deal.id);
  await snap(section, 'suggestion-approved');
  expect(await accessibilityViolations(page, 'stagecoach-panel')).toEqual([]);

  // After the change the deal is re-read: the pipeline shows the new stage as current.
  await page.reload();
  await expect(new RecordPanel(page).root.getByTestId('stage-bar').locator('[aria-current="step"]')).toContainText(target);
});

test('Edit approves another stage, by keyboard alone; the note says the approver chose it', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  const { section } = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  await card.getByRole('button', { name: 'Edit' }).focus();
  await page.keyboard.press('Enter');
  const select = card.getByLabel('Approve this stage instead');
  await expect(select).toBeFocused();
  await select.selectOption('Id. Decision Makers');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Met the CFO and the VP Ops together.');
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: 'Approve: Id. Decision Makers' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(section.getByTestId('decision-outcome')).toContainText('Stage changed to Id. Decision Makers');
  expect(await stageOf(deal.id)).toBe('Id. Decision Makers');
  const [note] = await sandbox.recordsContaining('Notes', `Stage changed: ${String(deal.Stage)} → Id. Decision Makers`);
  expect(String(note!.Note_Content)).toContain('Stage chosen by the approver (edited suggestion)');
  expect(String(note!.Note_Content)).toContain('Comment: Met the CFO and the VP Ops together.');
});

test('a rep may only request approval: a Task for the owner’s manager; a forged approve is refused', async ({ context, popup }) => {
  await popup.connectAs('rep');
  const page = await context.newPage();
  const { section } = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  await expect(card).toBeVisible();
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  await expect(card.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
  await snap(section, 'suggestion-card-rep');

  // The background checks the approver rule itself: a message straight from the panel's frame is refused.
  const forged = await (await openPanelFrame(context, recordUrl('Deals', deal.id))).evaluate(
    (m) => chrome.runtime.sendMessage(m),
    { type: 'decideSuggestion', data: { dealId: deal.id, decision: 'approve', target, basis: 'rules', evidence: [] } },
  );
  expect(forged).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_approver' }) });
  expect(await stageOf(deal.id)).toBe(String(deal.Stage));

  await card.getByLabel(/Comment/).fill('Ann confirmed the budget on the call.');
  await card.getByRole('button', { name: 'Request approval' }).click();
  await expect(section.getByTestId('approval-requested')).toContainText('Daniel');
  await expect.poll(async () => (await sandbox.recordsContaining('Tasks', `Approve stage change: ${dealName}`)).length).toBe(1);
  const [task] = await sandbox.recordsContaining('Tasks', `Approve stage change: ${dealName}`);
  expect((task!.Owner as { id: string }).id).toBe(SEED.users.manager.id);
  expect((task!.What_Id as { id: string }).id).toBe(deal.id);
  expect(task!.$se_module).toBe('Deals');
  expect(String(task!.Description)).toContain('Ann confirmed the budget on the call.');
  expect(await stageOf(deal.id)).toBe(String(deal.Stage));
});

test('a rejected suggestion stays away until a new note brings new evidence', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  const { section } = await openDeal(page);
  const card = section.getByTestId('suggestion-card');
  const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
  await card.getByRole('button', { name: 'Reject' }).click();
  await card.getByLabel(/Comment/).fill('Too early: the pilot has not started.');
  await card.getByRole('button', { name: 'Reject suggestion' }).click();
  await expect(section.getByTestId('decision-outcome')).toContainText('rejected and noted');
  await expect.poll(async () => (await sandbox.recordsContaining('Notes', 'Too early: the pilot has not started.')).length).toBe(1);
  expect(await stageOf(deal.id)).toBe(String(deal.Stage));

  await page.reload();
  const again = (await openDeal(page)).section;
  await expect(again.getByTestId('suggestion-suppressed')).toContainText(`You rejected “${target}”`);
  await expect(again.getByTestId('suggestion-card')).toHaveCount(0);

  // New evidence: a meeting summary another tool attaches to the deal.
  await sandbox.createRecord(
    'Notes',
    {
      Note_Title: 'Call summary (Gong)',
      Note_Content: 'Ann confirmed the budget is approved and signed off by the CFO for the full rollout.',
      Parent_Id: { module: { api_name: 'Deals' }, id: deal.id },
    },
    SEED.users.rep.id,
  );
  await page.reload();
  const back = (await openDeal(page)).section;
  await expect(back.getByTestId('suggestion-card')).toBeVisible();
  await expect(back.getByTestId('suggestion-suppressed')).toHaveCount(0);
});

test('Zoho’s refusal (validation rule, Blueprint) is shown in Zoho’s words and nothing changes', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  const refusals = [
    { refusal: { kind: 'validation_rule', message: 'Please attach the signed order form before moving this deal.' }, words: 'Please attach the signed order form before moving this deal.' },
    { refusal: { kind: 'blueprint' }, words: /blue ?print/i },
  ] as const;
  for (const { refusal, words } of refusals) {
    await sandbox.config({ stageRefusal: refusal });
    const { section } = await openDeal(page);
    const card = section.getByTestId('suggestion-card');
    const target = (await card.getByTestId('suggestion-target').textContent())!.trim();
    await card.getByRole('button', { name: `Approve: ${target}` }).click();
    const alert = card.getByRole('alert');
    // Quoted as Zoho's, on the line of its own that says so.
    await expect(alert.locator('.notice-zoho')).toContainText('Zoho said: ');
    await expect(alert.locator('.notice-zoho')).toContainText(words);
    await expect(section.getByTestId('decision-outcome')).toHaveCount(0);
    await snap(section, `suggestion-refused-${refusal.kind}`);
    expect(await stageOf(deal.id)).toBe(String(deal.Stage));
    expect(await sandbox.recordsContaining('Notes', 'Stage changed:')).toHaveLength(0);
  }
  // Nothing waits in the outbox: a refusal is not "approved later".
  const status = (await popup.send({ type: 'syncStatus', data: {} })) as { value: { outbox: { summary: string }[] } };
  expect(status.value.outbox.filter((item) => item.summary.includes('Stage of'))).toEqual([]);
});

test('the AI provider: what is sent is shown; a valid answer is offered, bad ones are discarded with the reason', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const saved = await popup.send({
    type: 'saveSettings',
    data: { patch: { ai: { provider: 'openai-compatible', baseUrl: `${sandbox.origin}/ai/v1`, model: 'sandbox-model' } } },
  });
  expect(saved).toMatchObject({ ok: true });
  expect(await popup.send({ type: 'saveAiKey', data: { key: 'sk-sandbox-test' } })).toEqual({ ok: true, value: { aiKeySet: true } });

  const page = await context.newPage();
  const { section } = await openDeal(page);
  const ai = section.getByTestId('ai');
  await ai.getByText('What is sent to sandbox-model').click();
  const shown = JSON.parse((await ai.getByTestId('ai-request').textContent())!);
  expect(shown.model).toBe('sandbox-model');

  // A valid answer: the model's suggestion replaces the card, citing the deal's evidence.
  await ai.getByRole('button', { name: 'Ask sandbox-model' }).click();
  const card = section.getByTestId('suggestion-card');
  await expect(card).toHaveAttribute('data-basis', 'model');
  await expect(card.getByTestId('suggestion-basis')).toContainText('Model sandbox-model');
  const received = await sandbox.aiRequests();
  expect(received.at(-1)).toEqual(shown); // exactly what the panel showed, nothing more
  expect(JSON.stringify(received.at(-1))).not.toContain('sk-sandbox-test');
  await snap(section, 'suggestion-ai-valid');

  const bad = [
    { reply: 'I think the deal should move forward.', reason: 'not_json', text: 'was not JSON' },
    { reply: JSON.stringify({ stage: 'Contract Sent', confidence: 0.9, evidence: [], reason: 'x' }), reason: 'unknown_stage', text: 'not in this pipeline' },
  ];
  for (const answer of bad) {
    await sandbox.ai({ reply: answer.reply });
    await ai.getByRole('button', { name: /Ask sandbox-model/ }).click();
    const discarded = ai.getByTestId('ai-discarded');
    await expect(discarded).toHaveAttribute('data-reason', answer.reason);
    await expect(discarded).toContainText(answer.text);
    await expect(discarded).toContainText('The rules’ result stands.');
    await expect(card).toHaveAttribute('data-basis', 'rules');
    await snap(section, `suggestion-ai-${answer.reason}`);
  }
});

test('a follow-up task from a meeting note is created once, even when the connection drops', async ({ context, popup }) => {
  await popup.connectAs('rep');
  const scanners = SEED.deals.acmeScanners;
  const page = await context.newPage();
  const { section } = await openDeal(page, scanners.id);
  const followUps = section.getByTestId('follow-ups');
  const item = followUps.getByTestId('follow-up').filter({ hasText: /by Friday/ });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: /Create a task/ }).click();
  const subject = `Send JoAnn the revised proposal ${Date.now()}`;
  await item.getByLabel('Subject').fill(subject);
  await item.getByLabel('Priority').selectOption('High');
  const due = await item.getByLabel('Due date').inputValue();
  expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await snap(followUps, 'follow-up-form');

  await sandbox.fault({ match: { method: 'POST', path: '/crm/v8/Tasks' }, count: 1, drop: 'after' });
  await item.getByRole('button', { name: 'Create task in Zoho' }).click();
  await expect(followUps.getByTestId('follow-up-created')).toContainText(subject);
  // Done, and its look-up for a twin (a few seconds after the create) has run.
  await expect
    .poll(async () => {
      const item = ((await popup.send({ type: 'syncStatus', data: {} })) as { value: { outbox: { summary: string; status: string; twinCheckAt?: number }[] } }).value.outbox.find((i) => i.summary.includes(subject));
      return item?.status === 'done' && item.twinCheckAt === undefined;
    }, { timeout: 20_000 })
    .toBe(true);
  const tasks = await sandbox.recordsContaining('Tasks', subject);
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ Due_Date: due, Priority: 'High', $se_module: 'Deals' });
  expect((tasks[0]!.What_Id as { id: string }).id).toBe(scanners.id);
});

test('a contact page lists the contact’s open deals with their suggestions', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const page = await context.newPage();
  await page.goto(recordUrl('Contacts', SEED.contacts.annCarter.id));
  const panel = new RecordPanel(page);
  const list = panel.root.getByTestId('contact-deals');
  const telematics = list.getByTestId('contact-deal').filter({ hasText: dealName });
  await expect(telematics).toBeVisible();
  await telematics.locator('summary').click();
  await expect(telematics.getByTestId('suggestion-card').or(telematics.getByTestId('no-suggestion'))).toBeVisible();
  await snap(list, 'contact-deals');
});
