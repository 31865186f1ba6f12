// Signals from real-looking notes (summaries, transcripts, negations, questions), meetings, tasks,
// the deal's fields and stage history; ids, order and superseding.
import { describe, expect, it } from 'vitest';
import { extractSignals, SIGNAL_KIND_NAMES } from './signals';
import { deal, event, history, input, note, task } from './testing';

const NOW = '2026-11-18T12:00:00Z';

/** The note-derived kinds of one note's text, sorted. */
function kinds(content: string, title: string | null = null): string[] {
  const signals = extractSignals(input({ notes: [note(content, '2026-11-17T15:00:00-05:00', { title })] }));
  return signals.filter((s) => s.source.kind === 'note').map((s) => s.kind).sort();
}

describe('phrases in notes', () => {
  // [sentence, kinds that must be found, kinds that must not be]
  const cases: Array<[string, string[], string[]]> = [
    // Budget: negation decides between approved and missing.
    ['Good news: Ann confirmed the CFO signed off last Tuesday.', ['budget_approved'], ['budget_missing']],
    ['Budget approved for the full rollout at $48k for year one, hardware included.', ['budget_approved'], ['budget_missing']],
    ['No budget confirmed yet – she will raise it with the CFO at the quarterly review.', ['budget_missing'], ['budget_approved']],
    ["No budget yet for this financial year; Grace O'Neill (Finance Director) decides on anything above £20k.", ['budget_missing', 'decision_maker_identified'], ['budget_approved']],
    ['The budget has not been approved.', ['budget_missing'], ['budget_approved']],
    ['They do not have the budget for a second phase.', ['budget_missing'], ['budget_approved']],
    ['If the budget is approved in January we can start the pilot.', [], ['budget_approved', 'budget_missing']],
    ['Is the budget approved?', [], ['budget_approved']],
    ['Budget approval: pending.', [], ['budget_approved']],
    ['The CFO would not approve a separate analytics contract this year.', ['budget_missing'], ['budget_approved']],
    // Pricing: a topic; negation removes it.
    ['We did not discuss pricing.', [], ['pricing_discussed']],
    ["We didn't get to pricing – next call.", [], ['pricing_discussed']],
    ['JoAnn pushed back on the per-unit price of the ruggedised scanners.', ['pricing_discussed', 'objection_raised'], []],
    ['And pricing is per vehicle per month, fixed for three years?', ['pricing_discussed'], []],
    // Proposals: asked for is not sent; sent is not asked for.
    ['She asked us to send the proposal by Friday so she can take it to the Monday procurement meeting.', ['proposal_requested'], ['proposal_sent']],
    ['Oliver asked for sensor pricing for 120 units and a 60-day pilot.', ['proposal_requested', 'pricing_discussed'], ['proposal_sent']],
    ['Please send us a formal proposal with that pricing by next Wednesday.', ['proposal_requested'], ['proposal_sent']],
    ['Sent the proposal to Samuel Okafor: $41,200 for year one.', ['proposal_sent'], ['proposal_requested']],
    ['Proposal sent to Tyler Grant.', ['proposal_sent'], []],
    ['We will send the proposal on Monday.', [], ['proposal_sent']],
    ["We haven't sent the quote yet.", [], ['proposal_sent']],
    // Needs, demos, decision makers.
    ['They are unhappy with the 15-minute ping interval and the lack of driver scoring.', ['needs_identified'], []],
    ['We discussed their needs in detail: three DCs and about 18,000 SKUs.', ['needs_identified'], []],
    ['Biggest pain: expired stock found only at cycle counts.', ['needs_identified'], []],
    ['Demo went well; Oliver liked the excursion alerts.', ['demo_done', 'positive_feedback'], []],
    ['Demo for store managers next Tuesday.', [], ['demo_done']],
    ['We did not do the demo – their projector broke.', [], ['demo_done']],
    ['She is the economic buyer: she signs off on anything above $25k.', ['decision_maker_identified'], ['no_decision_maker']],
    ["She needs the CFO's sign-off before committing to all 14 stores.", ['decision_maker_identified'], []],
    ['No decision maker identified yet; Marco does not know who signs.', ['no_decision_maker'], ['decision_maker_identified']],
    ['Marco is not the decision maker.', ['no_decision_maker'], ['decision_maker_identified']],
    // Legal, contracts, commitments.
    ['The deal is now with their legal team for legal review of the contract (MSA and DPA).', ['legal_review'], []],
    ['Expect redlines within the week.', ['legal_review'], []],
    ['Lukas signed the 2027 support renewal.', ['contract_signed'], []],
    ['Contract signed: Ingrid countersigned the MSA and the order form this morning.', ['contract_signed', 'legal_review'], []],
    ['They will sign the contract next week.', [], ['contract_signed']],
    ['The contract has not been signed.', [], ['contract_signed']],
    ['Commercials are agreed with Arjun: ₹76 lakh for the integration plus annual support.', ['verbal_commit', 'pricing_discussed'], []],
    ['They gave us the go-ahead on Friday.', ['verbal_commit'], []],
    ['Closed won.', ['deal_won'], []],
    // Losses and pauses.
    ['Arjun called: they chose a competitor.', ['lost_to_competitor', 'competitor_mentioned'], []],
    ['Rachel told us they signed with a competitor, MedRoute, at a lower total cost.', ['lost_to_competitor'], ['contract_signed']],
    ['We lost it to Zebra on price.', ['lost_to_competitor'], []],
    ['Not about our product or price, and no competitor involved.', [], ['competitor_mentioned', 'lost_to_competitor']],
    ['Pilot extension closed lost: budget was cut after the Q3 reforecast.', ['deal_lost', 'lost_no_budget'], []],
    ['All open software evaluations are cancelled.', ['deal_lost'], ['lost_to_competitor']],
    ['They decided not to proceed this year.', ['deal_lost'], []],
    ['Laura Chen (managing partner) asked to pause until next year.', ['asked_to_pause'], []],
    ['She put the project on hold until the reorg is done.', ['asked_to_pause'], []],
    ['The project is not on hold.', [], ['asked_to_pause']],
    ['She expects a decision after the Christmas trading period.', ['asked_to_pause'], []],
    ['Revisit analytics in FY27 planning.', ['asked_to_pause'], []],
    // Competition and feedback.
    ['They are also talking to Square; price will matter.', ['competitor_mentioned', 'pricing_discussed'], []],
    ['Sign-ups at the Bondi store are 30% above target.', ['positive_feedback'], []],
    ['Store managers were not happy with the checkout flow.', [], ['positive_feedback']],
    ['Feedback on the pilot is good so far.', ['pilot_running'], []],
  ];
  it.each(cases)('%s', (sentence, present, absent) => {
    const found = kinds(sentence);
    for (const kind of present) expect(found, `expected ${kind}`).toContain(kind);
    for (const kind of absent) expect(found, `did not expect ${kind}`).not.toContain(kind);
  });

  it('names only kinds of the vocabulary', () => {
    const all = cases.flatMap(([, present, absent]) => [...present, ...absent]);
    for (const kind of all) expect(SIGNAL_KIND_NAMES).toContain(kind);
  });

  it('reads transcripts line by line and keeps the speaker in the text', () => {
    const transcript =
      '[00:02:14] Ann Carter: Before we go further – is the driver app in Spanish?\n' +
      '[00:03:05] Ann Carter: Good. Then the question is installation.\n' +
      '[00:04:12] JoAnn Whitfield: And pricing is per vehicle per month, fixed for three years?\n' +
      '[00:04:20] Priya Raman: Fixed for three years, yes. I will put that in writing.\n' +
      '[1:02:03] Legal (Sahyadri): Then send us the revised MSA by Thursday.';
    const signals = extractSignals(input({ notes: [note(transcript, '2026-11-16T21:40:00+05:30', { id: '900', title: 'Transcript excerpt – ops team call' })] }));
    expect(signals.map((s) => [s.id, s.text])).toEqual([
      ['note:900:pricing_discussed', 'JoAnn Whitfield: And pricing is per vehicle per month, fixed for three years?'],
      ['note:900:legal_review', 'Legal (Sahyadri): Then send us the revised MSA by Thursday.'],
    ]);
  });

  it('uses the title only for what the content did not say', () => {
    expect(kinds('Lukas called this morning.', 'Renewal signed')).toEqual(['contract_signed']);
    const signals = extractSignals(input({ notes: [note('Lukas signed the renewal.', NOW, { title: 'Renewal signed' })] }));
    expect(signals.find((s) => s.kind === 'contract_signed')?.text).toBe('Lukas signed the renewal.');
  });

  it('keeps a signal text to one trimmed sentence of at most 200 characters', () => {
    const long = `Budget approved ${'for the full multi-year rollout across every depot '.repeat(6)}today.`;
    const [signal] = extractSignals(input({ notes: [note(`  Some context first.  ${long}  Another sentence.`, NOW)] })).filter((s) => s.kind === 'budget_approved');
    expect(signal!.text.length).toBeLessThanOrEqual(200);
    expect(signal!.text.startsWith('Budget approved for the full')).toBe(true);
    expect(signal!.text.endsWith('…')).toBe(true);
  });

  it('reads rich-text (HTML) notes as text', () => {
    expect(kinds('<div>Budget&nbsp;approved by the CFO.</div><div>They chose a competitor &amp; left.</div>')).toEqual(['budget_approved', 'competitor_mentioned', 'lost_to_competitor']);
  });

  it.each([
    ['its own audit note (marker line)', 'Stage changed: Qualification → Needs Analysis\nEvidence:\n- Budget approved\n\nstagecoach:approve-123', null],
    ['a note titled Stagecoach…', 'Budget approved, contract signed.', 'Stagecoach: stage Qualification → Needs Analysis'],
  ])('skips %s', (_, content, title) => {
    expect(extractSignals(input({ notes: [note(content, NOW, { title })] })).filter((s) => s.source.kind === 'note')).toEqual([]);
  });
});

describe('meetings', () => {
  const now = Date.parse(NOW);
  const at = (hoursFromNow: number) => new Date(now + hoursFromNow * 3600_000).toISOString().replace('.000Z', '+00:00');
  const cases: Array<[string, ReturnType<typeof event>, string[]]> = [
    ['past, invitee accepted', event('Discovery call – Acme', at(-30), at(-29), ['accepted']), ['meeting_held', 'needs_identified']],
    ['past, answer unknown', event('Weekly sync', at(-30), at(-29), ['not_known']), ['meeting_held']],
    ['past, one of two declined', event('Cold-chain sensor demo – Harrowgate', at(-50), at(-49), ['accepted', 'declined']), ['meeting_held', 'demo_done']],
    ['past, every outside invitee declined', event('Value demo for the district office', at(-50), at(-49), ['declined', 'declined']), ['no_show']],
    ['past, title says no-show', event('No-show: intro call', at(-50), at(-49), ['not_known']), ['no_show']],
    ['past, description says they did not join', event('Intro call', at(-50), at(-49), ['accepted'], { description: 'Waited 15 minutes; they did not join.' }), ['no_show']],
    ['past, only our own people (no outside invitees)', event('MSA review call – legal', at(-5), at(-4), []), ['meeting_held', 'legal_review']],
    ['under way', event('Pricing review', at(-0.5), at(0.5), ['accepted']), ['meeting_held', 'pricing_discussed']],
    ['future', event('POS upgrade demo', at(48), at(49), ['accepted']), ['meeting_booked']],
    ['future, every invitee declined', event('Proposal Q&A', at(48), at(49), ['declined']), []],
  ];
  it.each(cases)('%s', (_, meeting, expected) => {
    const signals = extractSignals(input({ events: [meeting] }));
    expect(signals.map((s) => s.kind).sort()).toEqual([...expected].sort());
    for (const signal of signals) expect(signal.id).toBe(`event:${meeting.id}:${signal.kind}`);
  });
});

describe('tasks', () => {
  // now = 2026-11-18 12:00 UTC: in Kolkata it is the 18th, in Honolulu still the 18th (02:00), in Kiritimati the 19th.
  const cases: Array<[string, ReturnType<typeof task>, string, string[]]> = [
    ['completed', task('Confirm budget sign-off with Ann', '2026-11-10', 'Completed', { closedTime: '2026-11-10T16:40:00+05:30' }), 'Asia/Kolkata', ['task_done']],
    ['due yesterday, not started', task('Call Oliver back about sensor pricing', '2026-11-17', 'Not Started'), 'Asia/Kolkata', ['task_overdue']],
    ['due today', task('Call Oliver back', '2026-11-18', 'In Progress'), 'Asia/Kolkata', ['task_open']],
    ['due the 18th, where the 19th has begun', task('Call Oliver back', '2026-11-18', 'Not Started'), 'Pacific/Kiritimati', ['task_overdue']],
    ['no due date', task('Book HR director demo', null, 'Waiting for input'), 'UTC', ['task_open']],
    ['deferred and late', task('Collect pilot feedback', '2026-11-01', 'Deferred'), 'UTC', ['task_overdue']],
    ['completed proposal task', task('Send the branch scheduling proposal to Samuel', '2026-11-04', 'Completed'), 'UTC', ['task_done', 'proposal_sent']],
    ['open proposal task (not sent yet)', task('Send revised scanner proposal to JoAnn', '2026-11-20', 'Not Started'), 'UTC', ['task_open']],
    ['open MSA task', task('Return MSA redlines to Sahyadri legal', '2026-11-20', 'In Progress'), 'UTC', ['task_open', 'legal_review']],
  ];
  it.each(cases)('%s', (_, item, timeZone, expected) => {
    const signals = extractSignals(input({ tasks: [item], timeZone }));
    expect(signals.map((s) => s.kind).sort()).toEqual([...expected].sort());
  });

  it('says how late an overdue task is', () => {
    const [signal] = extractSignals(input({ tasks: [task('Call Oliver back', '2026-11-16', 'Not Started', { id: '77' })], timeZone: 'Asia/Kolkata' }));
    expect(signal).toMatchObject({ id: 'task:77:task_overdue', value: 2, text: 'Call Oliver back (due 2026-11-16, 2 days overdue)' });
  });
});

describe('fields and stage history', () => {
  it.each([
    ['amount', { amount: 48000 }, [['field:Amount:amount_set', 48000]]],
    ['zero amount', { amount: 0 }, []],
    ['closing date passed', { closingDate: '2026-11-01' }, [['field:Closing_Date:closing_date_passed', 17]]],
    ['closing date today', { closingDate: '2026-11-18' }, [['field:Closing_Date:closing_date_near', 0]]],
    ['closing date in 14 days', { closingDate: '2026-12-02' }, [['field:Closing_Date:closing_date_near', 14]]],
    ['closing date in 15 days', { closingDate: '2026-12-03' }, [['field:Closing_Date:closing_date_future', 15]]],
    ['next step', { nextStep: 'Discovery call with the ops team' }, [['field:Next_Step:next_step_set', undefined]]],
  ] as const)('%s', (_, fields, expected) => {
    const signals = extractSignals(input({ deal: deal(fields) }));
    expect(signals.map((s) => [s.id, s.value])).toEqual(expected);
  });

  it('counts days in stage in calendar days of the user’s zone, from the stage history', () => {
    const stageHistory = history(['Qualification', '2026-09-15T10:22:31-04:00'], ['Needs Analysis', '2026-10-29T23:30:00-04:00']);
    const at = (timeZone: string) => extractSignals(input({ deal: deal({ stage: 'Needs Analysis' }), stageHistory, timeZone })).find((s) => s.kind === 'days_in_stage');
    // 23:30 in New York on the 29th is the 30th in London and Kolkata.
    expect(at('America/New_York')).toMatchObject({ id: 'history:days_in_stage', value: 20, at: '2026-10-29T23:30:00-04:00', text: 'In Needs Analysis for 20 days (since 2026-10-29)' });
    expect(at('Asia/Kolkata')?.value).toBe(19);
  });

  it.each([
    ['no stage history', null],
    ['a history that does not end in the current stage', history(['Qualification', '2026-09-15T10:00:00-04:00'])],
  ])('has no days in stage with %s (Modified_Time moves with any edit)', (_, stageHistory) => {
    const signals = extractSignals(input({ deal: deal({ stage: 'Needs Analysis', modifiedTime: '2026-11-01T10:00:00-04:00' }), stageHistory }));
    expect(signals.some((s) => s.kind === 'days_in_stage')).toBe(false);
  });
});

describe('the list', () => {
  const build = () =>
    input({
      deal: deal({ amount: 48000 }),
      notes: [
        note('No budget confirmed yet.', '2026-10-30T19:10:00-04:00', { id: '1' }),
        note('Budget approved for the full rollout.', '2026-11-13T20:05:00-05:00', { id: '2' }),
      ],
      events: [event('Discovery call', '2026-11-19T10:00:00+05:30', '2026-11-19T10:45:00+05:30', ['accepted'], { id: '3' })],
    });

  it('is newest first, then the deal’s fields, with stable ids', () => {
    expect(extractSignals(build()).map((s) => s.id)).toEqual(['event:3:meeting_booked', 'note:2:budget_approved', 'note:1:budget_missing', 'field:Amount:amount_set']);
    expect(extractSignals(build())).toEqual(extractSignals(build()));
  });

  it('marks an earlier opposite signal as superseded by the later one', () => {
    const signals = extractSignals(build());
    expect(signals.find((s) => s.id === 'note:1:budget_missing')?.supersededBy).toBe('note:2:budget_approved');
    expect(signals.find((s) => s.id === 'note:2:budget_approved')?.supersededBy).toBeUndefined();
  });

  it('ends a pause with a meeting held after it', () => {
    const signals = extractSignals(
      input({
        notes: [note('They asked to pause until January.', '2026-11-02T10:00:00-05:00', { id: '5' })],
        events: [event('Restart call', '2026-11-16T10:00:00-05:00', '2026-11-16T10:30:00-05:00', ['accepted'], { id: '6' })],
      }),
    );
    expect(signals.find((s) => s.kind === 'asked_to_pause')?.supersededBy).toBe('event:6:meeting_held');
  });

  it('points every signal at its source record', () => {
    const signals = extractSignals(build());
    expect(signals.find((s) => s.kind === 'budget_approved')?.source).toEqual({ kind: 'note', module: 'Notes', id: '2', parentId: '4876876000000431001' });
    expect(signals.find((s) => s.kind === 'meeting_booked')?.source).toEqual({ kind: 'event', module: 'Events', id: '3' });
    expect(signals.find((s) => s.kind === 'amount_set')?.source).toEqual({ kind: 'field', module: 'Deals', id: '4876876000000431001', field: 'Amount' });
  });

  it('finds the phrases criteria ask for, negation-aware', () => {
    const notes = [
      note('They sent the security questionnaire back yesterday.', NOW, { id: '8' }),
      note('We have not received the security questionnaire.', NOW, { id: '9' }),
    ];
    const signals = extractSignals(input({ notes }), { phrases: ['Security Questionnaire'] });
    expect(signals.filter((s) => s.kind === 'phrase').map((s) => s.id)).toEqual(['note:8:phrase:security questionnaire']);
  });
});

describe('notes in other languages, other parties, revivals', () => {
  // [note, kinds that must be found, kinds that must not be]
  const cases: Array<[string, string[], string[]]> = [
    ['El presupuesto está aprobado: 50.000 € para este año.', ['budget_approved'], ['budget_missing']],
    ['Todavía no tienen presupuesto aprobado y no han pedido cotización.', ['budget_missing'], ['budget_approved', 'proposal_requested']],
    ['Vertrag unterschrieben zurück erhalten!', ['contract_signed'], []],
    ['Der Vertrag ist noch nicht unterschrieben. Kunde prüft noch das Angebot intern.', [], ['contract_signed']],
    ['Pas encore de décision. Si le budget est validé, ils demanderont un devis en mai.', [], ['budget_approved', 'proposal_requested']],
    ['Le client a choisi un concurrent (Hektor). Décision définitive.', ['lost_to_competitor'], []],
    ['O piloto está rodando com a equipe de pós-produção.', ['pilot_running'], []],
    ['Ainda não temos orçamento aprovado.', ['budget_missing'], ['budget_approved']],
    ['All parties have completed Please DocuSign: Evergreen_OrderForm_2026.pdf.', ['contract_signed'], []],
    ['Sent the DocuSign envelope to their COO for signature.', [], ['contract_signed']],
    ['Jenna (our AE on the Redwood account) closed won on her deal yesterday.', [], ['deal_won']],
    ['After a lot of discussion we have decided to move forward with CDK.', ['lost_to_competitor'], ['verbal_commit']],
    ['Disqualified: 6-person firm, they need a $50/mo tool.', ['disqualified'], []],
    ["Storable deal fell through, they're back with us.", ['revived'], []],
  ];
  it.each(cases)('%s', (content, present, absent) => {
    const found = kinds(content);
    for (const kind of present) expect(found, kind).toContain(kind);
    for (const kind of absent) expect(found, kind).not.toContain(kind);
  });

  it('a later revival outweighs an earlier loss', () => {
    const signals = extractSignals(input({ notes: [note('They told us they chose a competitor.', '2026-11-01T10:00:00Z'), note("Update: they're back with us.", '2026-11-16T10:00:00Z')] }));
    const lost = signals.find((s) => s.kind === 'lost_to_competitor')!;
    expect(lost.supersededBy).toBe(signals.find((s) => s.kind === 'revived')!.id);
  });
});
