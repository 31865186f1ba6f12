// What is shown is what is sent (issue 11, finding 8): the deal changes in Zoho between the panel
// showing the AI request and the manager asking. Nothing leaves the browser then; the panel shows
// the new body and says why, and asking again sends exactly that new body.
import type { Page } from '@playwright/test';
import { expect, RecordPanel, recordUrl, sandbox, SEED, snap, test } from './fixtures';

const deal = SEED.deals.acmeTelematics;
const NEW_EVIDENCE = 'Ann confirmed the budget is approved and signed off by the CFO for the full rollout.';

async function openDeal(page: Page) {
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.goto(recordUrl('Deals', deal.id));
  const section = new RecordPanel(page).root.getByTestId('stage-section');
  await expect(section.getByTestId('stage-bar')).toBeVisible();
  return section;
}

test('the deal changes between showing and asking: nothing is sent, the new body is shown, asking again sends it', async ({ context, popup }) => {
  await popup.connectAs('manager');
  const saved = await popup.send({ type: 'saveSettings', data: { patch: { ai: { provider: 'openai-compatible', baseUrl: `${sandbox.origin}/ai/v1`, model: 'sandbox-model' } } } });
  expect(saved).toMatchObject({ ok: true });
  expect(await popup.send({ type: 'saveAiKey', data: { key: 'sk-sandbox-test' } })).toEqual({ ok: true, value: { aiKeySet: true } });

  const page = await context.newPage();
  const section = await openDeal(page);
  const ai = section.getByTestId('ai');
  await ai.getByText('What is sent to sandbox-model').click();
  const before = (await ai.getByTestId('ai-request').textContent())!;
  expect(before).not.toContain('signed off by the CFO');

  // Meanwhile, in Zoho: a call summary another tool attaches to the deal.
  await sandbox.createRecord('Notes', { Note_Title: 'Call summary (Gong)', Note_Content: NEW_EVIDENCE, Parent_Id: { module: { api_name: 'Deals' }, id: deal.id } }, SEED.users.rep.id);

  await ai.getByRole('button', { name: 'Ask sandbox-model' }).click();
  await expect(ai.getByTestId('ai-request-changed')).toContainText('nothing was sent');
  expect(await sandbox.aiRequests()).toEqual([]);
  const request = ai.getByTestId('ai-request');
  await expect(request).toBeVisible();
  await expect(request).toContainText('signed off by the CFO');
  const shown = JSON.parse((await request.textContent())!);
  await expect(section.getByTestId('suggestion-card')).toHaveAttribute('data-basis', 'rules');
  await snap(section, 'ai-body-changed');

  await ai.getByRole('button', { name: 'Ask sandbox-model' }).click();
  await expect(section.getByTestId('suggestion-card')).toHaveAttribute('data-basis', 'model');
  await expect(ai.getByTestId('ai-request-changed')).toHaveCount(0);
  const received = await sandbox.aiRequests();
  expect(received).toHaveLength(1);
  expect(received[0]).toEqual(shown); // exactly the body the panel showed the second time
  await snap(section, 'ai-body-sent');
});
