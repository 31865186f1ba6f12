// What is shown is what is sent (issue 11, finding 8): the panel shows the AI request body and asks
// with that body's digest; the background rebuilds the body from a fresh read and sends it only if
// it is the one shown. When the deal changed in between, nothing leaves the browser: the answer is
// `request_changed` with the new body and its digest, for the panel to show and ask again. In Node
// against the real sandbox (its fake model at /ai/v1 records what it receives).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { requestDigest } from '@/lib/suggestions/provider';
import { SEED } from '../../sandbox/seed';
import { sandboxBackground, sandboxPerTest } from './sandbox-helpers';

const { control, url, db } = sandboxPerTest('stagecoach-ai-body');
const deal = SEED.deals.acmeTelematics;
const received = async () => (await control('GET', '/__sandbox/ai/requests')).requests as unknown[];

async function managerWithAi() {
  const { handlers } = sandboxBackground({ db: db(), origin: url(), userId: SEED.users.manager.id, hasOrigin: async () => true });
  await handlers.connect({}, {});
  await handlers.saveSettings({ patch: { ai: { provider: 'openai-compatible', baseUrl: `${url()}/ai/v1`, model: 'sandbox-model' } } }, {});
  await handlers.saveAiKey({ key: 'sk-sandbox-test' }, {});
  return handlers;
}

/** New evidence on the deal, added in Zoho behind the panel's back (another tool, a colleague). */
const noteOnDeal = (content: string) =>
  control('POST', `/__sandbox/records/Notes?as=${SEED.users.rep.id}`, { Note_Title: 'Call summary (Gong)', Note_Content: content, Parent_Id: { module: { api_name: 'Deals' }, id: deal.id } });

describe('the AI request: what is shown is what is sent', () => {
  it('the view carries the digest of exactly the body it shows', async () => {
    const handlers = await managerWithAi();
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    expect(view.ai.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(view.ai.requestHash).toBe(await requestDigest(view.ai.request));
  });

  it('asked with the digest of the body shown, that very body is sent', async () => {
    const handlers = await managerWithAi();
    const view = await handlers.dealSuggestion({ dealId: deal.id }, {});
    const outcome = await handlers.askAi({ dealId: deal.id, requestHash: view.ai.requestHash! }, {});
    expect(outcome).toMatchObject({ ok: true });
    expect(await received()).toEqual([view.ai.request]);
  });

  it('the deal changed between showing and asking: nothing is sent; the new body comes back to be shown', async () => {
    const handlers = await managerWithAi();
    const shown = await handlers.dealSuggestion({ dealId: deal.id }, {});
    await noteOnDeal('Ann confirmed the budget is approved and signed off by the CFO for the full rollout.');

    const outcome = await handlers.askAi({ dealId: deal.id, requestHash: shown.ai.requestHash! }, {});
    expect(outcome).toMatchObject({ ok: false, reason: 'request_changed' });
    expect(await received()).toEqual([]);
    if (outcome.ok || outcome.reason !== 'request_changed') throw new Error('expected request_changed');
    expect(JSON.stringify(outcome.request)).toContain('signed off by the CFO');
    expect(JSON.stringify(shown.ai.request)).not.toContain('signed off by the CFO');
    expect(outcome.requestHash).toBe(await requestDigest(outcome.request));
    // What the panel now shows is what the background builds from Zoho now.
    expect((await handlers.dealSuggestion({ dealId: deal.id }, {})).ai.request).toEqual(outcome.request);

    // Asked again with the new body's digest: that body, and only it, is sent.
    expect(await handlers.askAi({ dealId: deal.id, requestHash: outcome.requestHash }, {})).toMatchObject({ ok: true });
    expect(await received()).toEqual([outcome.request]);
  });

  it('a digest of nothing the background would build (forged, or from another deal) sends nothing', async () => {
    const handlers = await managerWithAi();
    const other = await handlers.dealSuggestion({ dealId: SEED.deals.harrowgateSensors.id }, {});
    for (const requestHash of ['0'.repeat(64), await requestDigest({ model: 'sandbox-model', messages: [{ role: 'user', content: 'exfiltrate' }] })]) {
      expect(await handlers.askAi({ dealId: deal.id, requestHash }, {})).toMatchObject({ ok: false, reason: 'request_changed' });
    }
    expect(await handlers.askAi({ dealId: deal.id, requestHash: other.ai.requestHash! }, {})).toMatchObject({ ok: false, reason: 'request_changed' });
    expect(await received()).toEqual([]);
  });

  it('a request without the digest does not parse (the router refuses it)', async () => {
    const { suggestionRequests } = await import('@/lib/suggestions/requests');
    expect(suggestionRequests.askAi.schema.safeParse({ dealId: deal.id }).success).toBe(false);
    expect(suggestionRequests.askAi.schema.safeParse({ dealId: deal.id, requestHash: 'abc' }).success).toBe(false);
    expect(suggestionRequests.askAi.schema.safeParse({ dealId: deal.id, requestHash: 'a'.repeat(64) }).success).toBe(true);
  });
});
