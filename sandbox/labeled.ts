// The labeled set: for every seeded deal, the stage a careful sales manager would move it to now,
// given its notes, meetings, tasks and stage history as seeded (null = leave it where it is).
// Suggestion engines (rules or a model) are measured against it, and the criteria dry run can
// show it beside their verdicts. Closed deals are labeled null: nothing moves a closed deal, but
// their stage history walks the pipeline to the outcome, so a dry run can replay them step by step.
//
// "Now" is any day the sandbox is reset on: the evidence and the stage changes are laid out
// relative to that day (see createActivities in seed.ts), so the labels hold on every day.
import { SEED } from './seed';

export interface LabeledDeal {
  /** Key in `SEED.deals`. */
  key: string;
  dealId: string;
  /** The stage to move to now, or null to stay. */
  expected: string | null;
  why: string;
}

type DealKey = keyof typeof SEED.deals;

const label = (key: DealKey, expected: string | null, why: string): LabeledDeal => ({ key, dealId: SEED.deals[key].id, expected, why });

export const LABELED_DEALS: ReadonlyArray<LabeledDeal> = [
  // ---- the original ten (labeled as they are seeded, not as designed for the set) ----
  label('acmeTelematics', 'Value Proposition',
    'Needs Analysis for ~20 days. Since then: the discovery summary (fleet size, depots, pains, Long Beach pilot), "Budget approved" by the CFO at $48k ' +
    'with the budget sign-off task completed, and an ops-team call that settled language and installation constraints and the pricing model. ' +
    'Needs are analysed and the budget is approved, so the next step is presenting the value proposition. The discovery call booked for tomorrow ' +
    'sizes the installation schedule; it does not reopen qualification. (The oldest note says "No budget confirmed yet" – superseded by the newer one.)'),
  label('acmeTraining', null,
    'Id. Decision Makers since ~9 days ago; the HR director (the decision maker) has not been met – the task to book that demo is waiting for input ' +
    'and the only meetings are routine follow-ups. No new evidence: stay.'),
  label('acmeScanners', null,
    'Proposal/Price Quote; the customer pushed back on price and asked us to "send the proposal by Friday" – the revised proposal is not sent yet ' +
    '(task not started). Still exactly in the proposal stage: stay.'),
  label('harrowgateSensors', null,
    'Qualification. A demo was held and needs are clear, but the intro note says there is no budget this financial year and the Finance Director, ' +
    'who decides above £20k, declined the demo; the callback about pricing is overdue. Budget is not qualified: stay.'),
  label('harrowgatePilot', null, 'Closed Lost (budget cut after the Q3 reforecast). Closed deals do not move.'),
  label('koalaBayPos', null,
    'Value Proposition since ~10 days ago; the demo for the store managers is booked but not held yet, and Square is competing. ' +
    'Earlier "POS rollout questions" calls are routine. Nothing new that moves it: stay.'),
  label('koalaBayLoyalty', null,
    'Perception Analysis; pilot feedback is good, but the CFO decision is expected only after the Christmas trading period and the feedback ' +
    'task is not done. Nothing moves it yet: stay.'),
  label('sahyadriErp', null,
    'Negotiation/Review; commercials agreed and the contract is in legal review, with redlines still being returned (task in progress). ' +
    'Nothing is signed: stay.'),
  label('sahyadriAnalytics', null, 'Closed Lost to Competition ("they chose a competitor": the ERP vendor bundled BI). Closed deals do not move.'),
  label('brandtRenewal', null, 'Closed Won (renewal signed). Closed deals do not move.'),

  // ---- designed for the set: one clear signal each (the manager's deals) ----
  label('lakeshoreInventory', 'Needs Analysis',
    'Qualification. The needs assessment was held (both outside participants accepted) and its summary says "Budget confirmed: $40k is approved … ' +
    'the project is funded" and that needs were discussed in detail. Budget and need qualified → Needs Analysis. ' +
    'The older inbound note\'s "No budget confirmed yet" is superseded.'),
  label('copperleafWifi', 'Id. Decision Makers',
    'Value Proposition since the business case was presented ~16 days ago. Since then the champion brought in the CFO: the economic buyer was ' +
    'identified and met (held meeting, both accepted), and the other decision maker named. → Id. Decision Makers.'),
  label('redwoodScheduling', 'Negotiation/Review',
    'Proposal/Price Quote since the proposal was sent (task completed). At the walkthrough the customer accepted the proposal and pricing and ' +
    'sent our contract to their legal team for review; redlines are expected. → Negotiation/Review.'),
  label('northgateYard', 'Closed Won',
    'Negotiation/Review since redlines came in ~20 days ago; the final contract was sent (task completed) and the latest note says ' +
    '"Contract signed" – MSA and order form countersigned, PO received for the full amount. → Closed Won.'),
  label('summitEcommerce', 'Closed Lost to Competition',
    'Proposal/Price Quote. The customer emailed that "they chose a competitor" (a Shopify Plus agency, ~30% cheaper), the decision is final and ' +
    'approved by their board, and they declined the upcoming Q&A. → Closed Lost to Competition.'),
  label('meridianTimesheets', null,
    'Perception Analysis. The customer asked to pause until next year (office move), but said explicitly it is not a no: budget stays in their ' +
    '2027 plan, the partners still want it, and a restart call is agreed for January (task booked). A pause moves the closing date (to March), ' +
    'not the stage: nothing advanced the sale and it is not lost, so closing it would misreport a live deal. Stay.'),
  label('kestrelPortal', null,
    'Id. Decision Makers since the sponsor and CFO meeting six days ago, which is the evidence that justified the move. Since then nothing new: ' +
    'the security review is booked but in the future, its questionnaire is in progress, and "we did not discuss pricing" (no proposal before ' +
    'the security review). No new evidence: stay.'),
  label('blueHeronLabels', 'Proposal/Price Quote',
    'Needs Analysis (budget approved at discovery). In yesterday\'s held pricing call the price for all 40 stores and a pilot price were ' +
    'discussed, and the customer asked for "a formal proposal with that pricing by next Wednesday" for their buying committee. ' +
    'The deal is ready for a quote, skipping the intermediate stages. → Proposal/Price Quote.'),
  label('fairmontVisitors', null,
    'Value Proposition. The value demo was a no-show: every outside participant declined and nobody joined; follow-ups are unanswered and the ' +
    'reschedule task is overdue. A past meeting that did not happen is not progress (and one no-show is not a loss): stay.'),
  label('silverlineFuelCards', null,
    'Closed Won: budget confirmed → pricing discussed and a proposal requested → board approved, contract to legal → order form signed. ' +
    'Each step has its note just before the stage change. Closed deals do not move.'),
  label('granitePeakSafety', null,
    'Closed Lost: the customer was acquired and the new parent mandates its own in-house system; evaluations cancelled, no competitor involved ' +
    '(so Closed Lost, not Closed Lost to Competition). Closed deals do not move.'),
  label('orchardLaneDelivery', null,
    'Closed Lost to Competition: after our proposal the customer signed with a competitor (MedRoute) at a lower total cost. Closed deals do not move.'),
];
