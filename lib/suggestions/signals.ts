// Signals: the facts about a deal that stage criteria are written against, each with a stable id
// and a pointer to the record it came from. Read from the deal's fields and stage history, its
// meetings and tasks, and the phrases of its notes (meeting summaries, transcripts other tools
// attach). Deterministic: the same input always gives the same signals in the same order.
//
// THE VOCABULARY (what an admin may name in `signal:`; SIGNAL_KINDS below is the source of truth)
//
//   from notes (phrases in English, negation-aware: "no budget confirmed yet" is budget_missing,
//   never budget_approved; "did not discuss pricing" is nothing; "if the budget is approved" is
//   nothing; a question is not a fact)
//     pricing_discussed, proposal_requested, proposal_sent, budget_approved, budget_missing,
//     needs_identified, demo_done, decision_maker_identified, no_decision_maker, legal_review,
//     contract_signed, verbal_commit, deal_won, lost_to_competitor, lost_no_budget, deal_lost,
//     asked_to_pause, competitor_mentioned, positive_feedback, objection_raised, pilot_running
//   from meetings (Events linked to the deal)
//     meeting_held   started before now, and not every outside invitee declined
//     meeting_booked starts after now (and not every outside invitee declined)
//     no_show        started before now and every outside invitee declined, or the title or
//                    description says no-show
//     a held meeting's title also counts: "…demo…" demo_done, "MSA review" legal_review,
//     "discovery"/"requirements" needs_identified, "pricing"/"commercial" pricing_discussed
//   from tasks
//     task_done (Completed), task_overdue (due before today in the user's zone, not Completed),
//     task_open; a completed "Send the proposal" task is also proposal_sent, a task about the
//     MSA/contract/redlines legal_review, a completed demo task demo_done
//   from the deal's fields and stage history (no date: they are true now)
//     amount_set (value: the amount), closing_date_passed (value: days since),
//     closing_date_near (≤ 14 days ahead; value: days left), closing_date_future (value: days
//     left), next_step_set, days_in_stage (value: calendar days in the user's zone since the deal
//     entered its current stage; only from Zoho's stage history — Modified_Time changes with any
//     edit, so without history there is no such signal)
//
// Ids: note:<noteId>:<kind>, event:<eventId>:<kind>, task:<taskId>:<kind>, field:<Field>:<kind>,
// history:days_in_stage; phrases an admin's criteria ask for: note:<noteId>:phrase:<phrase>.
// A later signal of the opposite kind supersedes an earlier one (see SUPERSEDES): the budget
// approved five days ago outweighs "no budget yet" from last month.
import { Temporal } from 'temporal-polyfill';
import { stageKey } from './facts';
import { clip, isConditional, isModal, isNegated, isStagecoachNote, normalize, noteSentences, type Sentence } from './text';
import type { DealEvidenceInput, EventFacts, NoteFacts, Signal, TaskFacts } from './types';

type Origin = 'notes' | 'meetings' | 'tasks' | 'deal';

/** Every signal kind, where it comes from, and what it means in plain words ("missing: …"). */
export const SIGNAL_KINDS = {
  pricing_discussed: { origin: 'notes', meaning: 'pricing discussed' },
  proposal_requested: { origin: 'notes', meaning: 'a proposal or quote requested' },
  proposal_sent: { origin: 'notes', meaning: 'a proposal or quote sent' },
  budget_approved: { origin: 'notes', meaning: 'budget approved' },
  budget_missing: { origin: 'notes', meaning: 'no budget yet' },
  needs_identified: { origin: 'notes', meaning: 'needs or pain points identified' },
  demo_done: { origin: 'notes', meaning: 'a demo given' },
  decision_maker_identified: { origin: 'notes', meaning: 'the decision maker identified' },
  no_decision_maker: { origin: 'notes', meaning: 'no decision maker identified' },
  legal_review: { origin: 'notes', meaning: 'contract or legal review under way' },
  contract_signed: { origin: 'notes', meaning: 'contract signed' },
  verbal_commit: { origin: 'notes', meaning: 'a verbal commitment or terms agreed' },
  deal_won: { origin: 'notes', meaning: 'the deal declared won' },
  lost_to_competitor: { origin: 'notes', meaning: 'lost to a competitor' },
  lost_no_budget: { origin: 'notes', meaning: 'budget cut or withdrawn' },
  deal_lost: { origin: 'notes', meaning: 'the deal declared lost or cancelled' },
  asked_to_pause: { origin: 'notes', meaning: 'the customer asked to pause or delay' },
  competitor_mentioned: { origin: 'notes', meaning: 'a competitor mentioned' },
  positive_feedback: { origin: 'notes', meaning: 'positive feedback' },
  objection_raised: { origin: 'notes', meaning: 'an objection or concern raised' },
  pilot_running: { origin: 'notes', meaning: 'a pilot or trial under way' },
  meeting_held: { origin: 'meetings', meaning: 'a meeting held' },
  meeting_booked: { origin: 'meetings', meaning: 'a meeting booked' },
  no_show: { origin: 'meetings', meaning: 'a no-show' },
  task_done: { origin: 'tasks', meaning: 'a task completed' },
  task_overdue: { origin: 'tasks', meaning: 'an overdue task' },
  task_open: { origin: 'tasks', meaning: 'an open task' },
  amount_set: { origin: 'deal', meaning: 'an amount on the deal' },
  closing_date_passed: { origin: 'deal', meaning: 'the closing date passed' },
  closing_date_near: { origin: 'deal', meaning: 'the closing date within 14 days' },
  closing_date_future: { origin: 'deal', meaning: 'a closing date more than 14 days ahead' },
  next_step_set: { origin: 'deal', meaning: 'a next step on the deal' },
  days_in_stage: { origin: 'deal', meaning: 'days in the current stage (from the stage history)' },
} as const satisfies Record<string, { origin: Origin; meaning: string }>;

export type SignalKind = keyof typeof SIGNAL_KINDS;
export const SIGNAL_KIND_NAMES = Object.keys(SIGNAL_KINDS) as SignalKind[];
export const isSignalKind = (value: string): value is SignalKind => Object.hasOwn(SIGNAL_KINDS, value);

/** The kind of a signal made for a criteria `phrase:` condition. */
export const PHRASE_KIND = 'phrase';

// ---- Phrase tables -------------------------------------------------------------------------------
// Each rule: a kind, its patterns (over the normalized sentence: lower case, straight quotes, single
// spaces), and its mood, which says what cancels a match:
//   topic       a mention is enough ("pricing per vehicle?" is pricing discussed); negation cancels
//   fact        a state of things: negation, a condition ("if"), an intention ("will", "plans to")
//               and a question all cancel ("we will send the proposal" is not proposal_sent)
//   commitment  a stated intention counts ("they will sign next week" is a verbal commitment);
//               negation, a condition and a question cancel
//   negative    the phrase is negative itself ("no budget"): only a condition or a question cancels
// Gaps are written (?:\s+\S+){0,N}? so a phrase tolerates a few words in between ("asked us to send
// the revised proposal").

type Mood = 'topic' | 'fact' | 'commitment' | 'negative';
interface PhraseRule {
  kind: SignalKind;
  mood: Mood;
  patterns: readonly RegExp[];
}

const PROPOSAL = '(?:proposal|quote|quotation|pricing|price list|estimate|offer|sow)';
const LEADER = '(?:cfo|ceo|cto|cio|coo|vp|president|owner|founder|board|finance director|managing director|md|gm|general manager|head of [a-z]+|director)';

export const NOTE_PHRASES: readonly PhraseRule[] = [
  {
    kind: 'pricing_discussed',
    mood: 'topic',
    patterns: [
      /\bpric(?:e|es|ed|ing)\b/,
      /\bquot(?:e|es|ation)\b/,
      /\bdiscounts?\b/,
      /\bcommercials?\b/,
      /\brate card\b/,
      /\bpayment terms\b/,
      /\bvolume tiers?\b/,
      /\bper (?:unit|seat|user|licen[cs]e|vehicle|device|store|site|location|month|year)\b/,
    ],
  },
  {
    kind: 'proposal_requested',
    mood: 'commitment',
    patterns: [
      new RegExp(`\\b(?:asked|asks|asking|requested|requests|would like|wants|wanted)\\b(?:\\s+\\S+){0,6}?\\s+${PROPOSAL}\\b`),
      new RegExp(`\\b(?:send|share|get)\\s+(?:us|them|her|him|me)\\b(?:\\s+\\S+){0,3}?\\s+${PROPOSAL}\\b`),
      /\b(?:rfp|rfq|request for (?:proposal|quot(?:e|ation)))\b/,
    ],
  },
  {
    kind: 'proposal_sent',
    mood: 'fact',
    patterns: [
      new RegExp(`\\b(?:sent|emailed|shared|submitted|delivered|presented)\\b(?:\\s+\\S+){0,4}?\\s+${PROPOSAL}\\b`),
      /\b(?:proposal|quote|quotation|offer)\s+(?:was\s+|has been\s+|is\s+)?(?:sent|out|submitted|delivered|shared)\b/,
      /\b(?:proposal|quote|quotation)\s+went out\b/,
    ],
  },
  {
    kind: 'budget_approved',
    mood: 'fact',
    patterns: [
      /\bbudget\s+(?:is\s+|was\s+|has been\s+|got\s+|now\s+|has now been\s+)?(?:approved|confirmed|signed off|allocated|secured|agreed|in place|released|sanctioned)\b/,
      /\b(?:approved|confirmed|allocated|secured|released|signed off on|signed off)\s+(?:the\s+|a\s+|their\s+|our\s+|this\s+)?budget\b/,
      new RegExp(`\\b(?:${LEADER}|finance|budget holder)\\s+(?:has\\s+|have\\s+|had\\s+)?(?:signed off|approved|sanctioned|green-?lit)\\b`),
      /\bfunding\s+(?:is\s+|was\s+|has been\s+)?(?:approved|secured|confirmed|in place)\b/,
    ],
  },
  {
    kind: 'budget_missing',
    mood: 'negative',
    patterns: [
      /\bno\s+(?:\S+\s+)?(?:budget|funding)\b/,
      /\bbudget\s+(?:is\s+|was\s+|has\s+|had\s+)?(?:not|n't|never|yet to be|still not)\s+(?:yet\s+|been\s+)*(?:approved|confirmed|allocated|secured|signed off|agreed|set|available)\b/,
      /\b(?:don't|do not|doesn't|does not|didn't|did not)\s+have\s+(?:a\s+|the\s+|any\s+)?(?:budget|funding)\b/,
      /\b(?:without|lack of|lacking)\s+(?:a\s+|the\s+)?(?:budget|funding)\b/,
      /\bbudget\s+(?:freeze|frozen|is tight|constraints?|pending|tbd|unclear|unknown)\b/,
      /\b(?:not budgeted|unbudgeted)\b/,
      /\b(?:can't|cannot|can not|couldn't|could not)\s+afford\b/,
      new RegExp(`\\b(?:${LEADER}|finance|management)\\s+(?:would|will|did|does)\\s*(?:not|n't)\\s+(?:approve|sign off|fund)\\b`),
      /\b(?:wouldn't|won't|didn't|doesn't)\s+(?:approve|sign off|fund)\b/,
    ],
  },
  {
    kind: 'needs_identified',
    mood: 'topic',
    patterns: [
      /\bpain\s*points?\b/,
      /\b(?:unhappy|frustrated|struggling|struggle|struggles|problems?|issues?)\s+with\b/,
      /\blooking\s+(?:for\s+(?:a|an)\s+(?:way|solution|tool|system|replacement|partner|vendor|platform)|to\s+(?:replace|improve|reduce|automate|consolidate|modernise|modernize|switch))\b/,
      /\buse[- ]cases?\b/,
      /\b(?:key\s+|business\s+|their\s+)?requirements?\s+(?:are|were|is|gathered|captured|documented|confirmed|agreed|list)\b/,
      /\b(?:wants?|needs?|asked for|would like|requested)\s+(?:a|an)\s+(?:pilot|trial|proof of concept|poc)\b/,
      /\b(?:they|he|she|we)\s+(?:need|needs|want|wants)\s+to\s+(?:replace|improve|reduce|cut|automate|track|monitor|consolidate|digiti[sz]e|moderni[sz]e|integrate|switch|scale)\b/,
      /\bcurrent\s+(?:\S+\s+)?(?:vendor|system|tool|provider|solution|process|contract)\b/,
      /\blost\s+(?:\S+\s+){0,2}(?:loads|shipments|orders|customers|revenue|sales)\b/,
      /\b(?:discussed|analy[sz]ed|identified|mapped|understood|reviewed|walked through|went through)\s+(?:their|the|his|her|its)\s+(?:\S+\s+)?(?:needs|requirements|pain points?|use cases?|challenges|workflows?)\b/,
      /\b(?:biggest|main|key|top|primary)\s+(?:\S+\s+)?(?:pain|problem|challenge|issue|complaint|frustration)s?\b/,
      /^needs:/,
    ],
  },
  {
    kind: 'demo_done',
    mood: 'fact',
    patterns: [
      /\bdemo(?:nstration)?\s+(?:went|was|has been|is)\s+(?:\S+\s+)?(?:well|great|good|done|fine|ok|okay|positive|successful|complete|completed|delivered)\b/,
      /\b(?:did|gave|ran|delivered|completed|showed|held|finished|presented)\s+(?:\S+\s+){0,3}?demo(?:nstration)?s?\b/,
      /\b(?:after|following|since|during)\s+(?:the|our)\s+demo(?:nstration)?\b/,
      /\b(?:liked|loved|enjoyed)\s+the\s+demo(?:nstration)?\b/,
      /\bdemo(?:nstration)?\s+(?:feedback|follow-?up|recap|debrief)\b/,
      /\bwalked\s+(?:them|him|her|the team|\S+)\s+through\s+the\s+(?:product|platform|app|solution|tool)\b/,
    ],
  },
  {
    kind: 'decision_maker_identified',
    mood: 'topic',
    patterns: [
      /\bdecision[- ]makers?\b/,
      /\beconomic buyer\b/,
      /\bsignatory\b/,
      /\b(?:final say|final sign-?off|sign-?off authority|budget holder)\b/,
      /\b(?:decides|will decide|makes the (?:final )?(?:call|decision)|signs off on|approves anything|holds the budget)\b/,
      new RegExp(`\\b${LEADER}(?:'s)?\\s+(?:sign-?off|approval)\\b`),
      new RegExp(`\\bmet\\s+(?:with\\s+)?(?:the\\s+|their\\s+)?(?:${LEADER}|decision[- ]maker|economic buyer)\\b`),
    ],
  },
  {
    kind: 'no_decision_maker',
    mood: 'negative',
    patterns: [
      /\bno\s+(?:clear\s+|identified\s+|obvious\s+)?(?:decision[- ]maker|economic buyer|executive sponsor|sponsor|champion)\b/,
      /\b(?:don't|do not|doesn't|does not|didn't|did not)\s+know\s+who\s+(?:decides|signs|makes|approves|holds)\b/,
      /\b(?:isn't|is not|wasn't|was not|aren't|are not)\s+(?:the\s+|a\s+)?(?:decision[- ]maker|budget holder|economic buyer)\b/,
      /\bdecision[- ]makers?\s+(?:is\s+|are\s+)?(?:unknown|unclear|not (?:yet )?(?:identified|known|involved|engaged)|missing)\b/,
      new RegExp(`\\b(?:no access to|can't get to|cannot get to|couldn't reach|could not reach|no contact with)\\s+(?:the\\s+)?(?:${LEADER}|decision[- ]maker|economic buyer|budget holder)\\b`),
    ],
  },
  {
    kind: 'legal_review',
    mood: 'topic',
    patterns: [
      /\blegal\s+(?:review|team|department|counsel|is reviewing|are reviewing|sign-?off|approval)\b/,
      /\b(?:their|our|the|with)\s+legal\b/,
      /\bcounsel\b/,
      /\bred-?lin(?:es?|ed|ing)\b/,
      /\b(?:msa|dpa|sow|master services agreement|data processing agreement)\b/,
      /\bcontract\s+(?:review|negotiation|terms|draft)\b/,
      /\breviewing\s+(?:the\s+)?(?:contract|agreement|terms|paperwork)\b/,
      /\b(?:liability cap|terms and conditions|t&cs?|indemnit(?:y|ies))\b/,
    ],
  },
  {
    kind: 'contract_signed',
    mood: 'fact',
    patterns: [
      /\b(?:signed(?!\s+off)|countersigned|executed)\b(?:\s+\S+){0,4}?\s+(?:contract|agreement|msa|order form|renewal|sow|purchase order|po|paperwork)\b/,
      /\b(?:contract|agreement|msa|order form|renewal|sow|paperwork)\s+(?:is\s+|was\s+|has been\s+|now\s+|got\s+)?(?:signed|countersigned|executed)\b/,
      /\b(?:po|purchase order)\s+(?:was\s+|has been\s+)?(?:received|issued|raised|came in|arrived)\b/,
      /\breceived\s+(?:the\s+)?(?:signed\s+\S+|po|purchase order)\b/,
    ],
  },
  {
    kind: 'verbal_commit',
    mood: 'commitment',
    patterns: [
      /\bverbal(?:ly)?\s+(?:yes|commit(?:ment|ted)?|agreement|agreed|approval|approved|go-?ahead|ok)\b/,
      /\b(?:agreed|committed|decided|confirmed)\s+to\s+(?:go ahead|move forward|proceed|buy|purchase|sign)\b/,
      /\b(?:gave|given)\s+(?:us\s+)?(?:the\s+)?(?:go-?ahead|green light|thumbs up)\b/,
      /\b(?:chose|chosen|selected|picked|going with|go with|went with)\s+us\b/,
      /\bwe(?:'re| are)\s+(?:the\s+)?(?:preferred|selected|chosen)\s+(?:vendor|supplier|partner|provider)\b/,
      /\b(?:commercials|terms|pricing|price|numbers)\s+(?:are\s+|is\s+|have been\s+|were\s+|now\s+)*(?:agreed|accepted|approved|signed off)\b/,
      /\b(?:ready|going|want|wants|plan|plans)\s+to\s+sign\b/,
    ],
  },
  {
    kind: 'deal_won',
    mood: 'fact',
    patterns: [/\bclosed[- ]won\b/, /\bwe\s+(?:have\s+)?won\s+(?:the|this)\s+(?:deal|business|contract|tender|bid)\b/],
  },
  {
    kind: 'lost_to_competitor',
    mood: 'fact',
    patterns: [
      /\b(?:chose|chosen|choosing|selected|picked|went with|going with|gone with|decided on|decided to go with|signed with|moved to|switched to|awarded (?:it|the (?:deal|contract|business)) to)\s+(?:a\s+|another\s+|the\s+|their\s+)?(?:competitor|competing|rival|other vendor|cheaper|alternative)\b/,
      /\blost\s+(?:it\s+|the deal\s+|this\s+|out\s+|the business\s+)?to\s+(?:a\s+|the\s+)?(?:competitor|competition|rival|incumbent|[a-z]+)\b/,
      /\b(?:stay(?:ing)?|stick(?:ing)?)\s+with\s+(?:the\s+|their\s+)?(?:incumbent|current vendor|existing vendor|current provider)\b/,
      /\b(?:competitor|other vendor|another vendor)\s+(?:won|was chosen|was selected|got the deal)\b/,
    ],
  },
  {
    kind: 'lost_no_budget',
    mood: 'fact',
    patterns: [
      /\b(?:budget|funding)\s+(?:was\s+|has been\s+|got\s+|is\s+being\s+|is\s+)?(?:cut|pulled|withdrawn|slashed|frozen|reallocated|redirected|cancelled|canceled)\b/,
      /\b(?:lost|closed lost|dropped)\b(?:\s+\S+){0,6}?\s+(?:budget|funding)\b/,
    ],
  },
  {
    kind: 'deal_lost',
    mood: 'fact',
    patterns: [
      /\bclosed[- ]lost\b/,
      /\blost\s+(?:the|this)\s+(?:deal|opportunity|bid|tender|business)\b/,
      /\b(?:project|initiative|deal|opportunity|purchase|evaluations?)\s+(?:was\s+|were\s+|has been\s+|have been\s+|is\s+|are\s+)?(?:cancelled|canceled|shelved|scrapped|killed|dead)\b/,
    ],
  },
  {
    // The same kind, said with a negation ("decided not to proceed"): the phrase carries it.
    kind: 'deal_lost',
    mood: 'negative',
    patterns: [
      /\bdecided\s+(?:not to|against)\s+(?:proceed|proceeding|buy|buying|purchase|go ahead|going ahead|move forward|moving forward|renew|renewing|sign)\b/,
      /\b(?:not|no longer)\s+(?:moving|going)\s+(?:forward|ahead)\b/,
      /\b(?:will not|won't|not going to|isn't going to|decided not to)\s+renew\b/,
    ],
  },
  {
    kind: 'asked_to_pause',
    mood: 'commitment',
    patterns: [
      /\b(?:on|to)\s+hold\b/,
      /\bpaus(?:e|ed|ing)\b/,
      /\bhold(?:ing)?\s+off\b/,
      /\b(?:revisit|circle back|reconnect|pick (?:this|it) up|come back to (?:us|this|it)|touch base|talk again)\s+(?:\S+\s+){0,2}?(?:in|after|next|once)\s+(?:q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|the new year|new year|next (?:year|quarter|month|fy|financial year|fiscal year)|fy\s?\d\d|20\d\d|the (?:holidays|summer|budget cycle|reorg|audit|freeze))\b/,
      /\bnot\s+(?:a\s+)?(?:top\s+)?priority\s+(?:right now|now|at the moment|this (?:year|quarter))\b/,
      /\b(?:the\s+)?timing\s+(?:is\s+)?(?:not right|isn't right|is off|is bad|is wrong)\b/,
      /\b(?:delay(?:ed|ing)?|postpon(?:e|ed|ing)|defer(?:red|ring)?)\s+(?:the\s+)?(?:decision|project|purchase|start|rollout|kick-?off|signing)\b/,
      /\bpush(?:ed|ing)?\s+(?:it|this|the (?:decision|project|start|deal|rollout))\s+(?:back|out)\b/,
      /\bdecision\s+(?:after|until|not before)\s+(?:the\s+)?(?:christmas|holidays|new year|summer|q[1-4]|january|february|march|april|next|end of)\b/,
    ],
  },
  {
    kind: 'competitor_mentioned',
    mood: 'topic',
    patterns: [
      /\bcompetitors?\b/,
      /\bcompeting\s+(?:offer|quote|bid|vendor|proposal|solution|product)s?\b/,
      /\b(?:also|still)\s+(?:talking|speaking)\s+(?:to|with)\b/,
      /\b(?:evaluating|considering|comparing)\s+(?:other|another|alternative|several|two|three|multiple)\s+(?:vendors?|suppliers?|solutions?|options?|providers?|tools?|products?)\b/,
      /\bshort-?list(?:ed)?\b/,
      /\bincumbent\b/,
      /\bbake-?off\b/,
      /\babove\s+(?:the|their)\s+\S+\s+(?:quote|offer|bid|price)\b/,
    ],
  },
  {
    kind: 'positive_feedback',
    mood: 'topic',
    patterns: [
      /\b(?:liked|loved|likes|loves|enjoyed|impressed by|impressed with|happy with|pleased with|excited about|enthusiastic about|keen on)\b/,
      /\bwent\s+(?:really\s+|very\s+)?(?:well|great)\b/,
      /\bpositive\s+(?:feedback|response|reaction)\b/,
      /\b(?:above|exceeded|exceeding|beat|beating|ahead of)\s+(?:the\s+|their\s+)?(?:target|targets|expectations?|plan|goal)\b/,
      /\bgood news\b/,
    ],
  },
  {
    kind: 'objection_raised',
    mood: 'topic',
    patterns: [
      /\bpushed back\b/,
      /\bconcerns?\s+(?:about|over|with|regarding|around)\b/,
      /\bobjections?\b/,
      /\btoo\s+(?:expensive|pricey|costly|high|slow|complex|complicated)\b/,
      /\b(?:above|over|higher than)\s+(?:their|the|our)\s+budget\b/,
      /\bflagged\b/,
    ],
  },
  {
    kind: 'pilot_running',
    mood: 'fact',
    patterns: [
      /\b(?:pilot|trial|poc|proof of concept)\s+(?:is\s+|has\s+)?(?:running|live|started|underway|under way|in progress|results?|feedback|went live)\b/,
      /\b(?:during|in|from)\s+the\s+(?:pilot|trial)\b/,
      /\bfeedback\s+(?:on|from)\s+the\s+(?:pilot|trial)\b/,
    ],
  },
];

/** A held meeting's title also says what happened in it (titles are terse: no negation test). */
export const MEETING_TITLE_PHRASES: ReadonlyArray<{ kind: SignalKind; pattern: RegExp }> = [
  { kind: 'demo_done', pattern: /\bdemo(?:nstration)?s?\b/ },
  { kind: 'legal_review', pattern: /\b(?:legal|msa|dpa|contract review|redlines?)\b/ },
  { kind: 'needs_identified', pattern: /\b(?:discovery|needs (?:analysis|assessment)|requirements|scoping)\b/ },
  { kind: 'pricing_discussed', pattern: /\b(?:pricing|price|quote|commercials?|negotiation)\b/ },
];

/** A task's subject says what was done; `done`: only when the task is Completed. */
export const TASK_SUBJECT_PHRASES: ReadonlyArray<{ kind: SignalKind; pattern: RegExp; done: boolean }> = [
  { kind: 'proposal_sent', pattern: new RegExp(`\\b(?:send|sent|email|share|submit)\\b.*\\b${PROPOSAL}\\b`), done: true },
  { kind: 'demo_done', pattern: /\bdemo(?:nstration)?\b/, done: true },
  { kind: 'legal_review', pattern: /\b(?:msa|dpa|redlines?|contract review|legal)\b/, done: false },
];

/** Earlier `kind` is outweighed by a later signal of one of these kinds (the opposite fact). */
export const SUPERSEDES: Readonly<Partial<Record<SignalKind, readonly SignalKind[]>>> = {
  budget_missing: ['budget_approved'],
  budget_approved: ['budget_missing', 'lost_no_budget'],
  no_decision_maker: ['decision_maker_identified'],
  decision_maker_identified: ['no_decision_maker'],
  // A meeting held after the customer asked to pause means the pause is over.
  asked_to_pause: ['meeting_held'],
};

const NO_SHOW = /\bno[- ]show\b|\b(?:didn't|did not|failed to)\s+(?:show|turn up|attend|join)\b|\bstood\s+(?:us|me)\s+up\b/;
const SIGNAL_TEXT_MAX = 200;
const NEAR_DAYS = 14;

// ---- Reading -------------------------------------------------------------------------------------

export interface ExtractOptions {
  /** Phrases an admin's criteria ask for (`phrase:` conditions): matched in notes, negation-aware. */
  phrases?: readonly string[];
}

/** Whether a rule's match at [index, end) in `sentence` stands, given the rule's mood. */
function stands(sentence: Sentence, mood: Mood, index: number, end: number): boolean {
  if (mood !== 'topic' && sentence.question) return false;
  if (mood !== 'negative' && isNegated(sentence.norm, index, end)) return false;
  if (mood !== 'topic' && isConditional(sentence.norm, index)) return false;
  if (mood === 'fact' && isModal(sentence.norm, index)) return false;
  return true;
}

/** The tables with each pattern compiled once for scanning every match (`g`). */
const SCANNERS = NOTE_PHRASES.map((rule) => ({ rule, patterns: rule.patterns.map((pattern) => new RegExp(pattern.source, 'g')) }));

/** Whether any of a rule's patterns matches somewhere in the sentence and the match stands. */
function ruleMatches(sentence: Sentence, rule: PhraseRule, patterns: readonly RegExp[]): boolean {
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(sentence.norm); match; match = pattern.exec(sentence.norm)) {
      if (stands(sentence, rule.mood, match.index, match.index + match[0].length)) return true;
      if (match[0].length === 0) pattern.lastIndex++;
    }
  }
  return false;
}

/** The kinds the phrase tables find in one sentence (every rule, in table order). */
export function sentenceKinds(sentence: Sentence): SignalKind[] {
  const kinds: SignalKind[] = [];
  for (const { rule, patterns } of SCANNERS) {
    if (!kinds.includes(rule.kind) && ruleMatches(sentence, rule, patterns)) kinds.push(rule.kind);
  }
  return kinds;
}

const displayed = (sentence: Sentence) => clip(sentence.speaker ? `${sentence.speaker}: ${sentence.text}` : sentence.text, SIGNAL_TEXT_MAX);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function noteSignals(note: NoteFacts, dealId: string, phrases: readonly string[]): Signal[] {
  if (isStagecoachNote(note)) return [];
  const source = { kind: 'note', module: 'Notes', id: note.id, parentId: note.parentId ?? dealId } as const;
  const sourceTitle = note.title?.trim() || clip(note.content, 60) || 'Note';
  const found = new Map<string, Signal>();
  const wanted = phrases.map(normalize).filter(Boolean).map((phrase) => ({ phrase, pattern: new RegExp(`(?<![a-z0-9])${escapeRegExp(phrase)}(?![a-z0-9])`, 'g') }));
  // Content first, the title (the last sentence) only for what the content did not say.
  for (const sentence of noteSentences(note)) {
    for (const kind of sentenceKinds(sentence)) {
      const id = `note:${note.id}:${kind}`;
      if (!found.has(id)) found.set(id, { id, kind, text: displayed(sentence), at: note.createdTime, source, sourceTitle });
    }
    for (const { phrase, pattern } of wanted) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(sentence.norm); match; match = pattern.exec(sentence.norm)) {
        if (!stands(sentence, 'topic', match.index, match.index + match[0].length)) continue;
        const id = `note:${note.id}:${PHRASE_KIND}:${phrase}`;
        if (!found.has(id)) found.set(id, { id, kind: PHRASE_KIND, text: displayed(sentence), at: note.createdTime, source, sourceTitle });
        break;
      }
    }
  }
  return [...found.values()];
}

function eventSignals(event: EventFacts, now: number): Signal[] {
  const source = { kind: 'event', module: 'Events', id: event.id } as const;
  const start = Temporal.Instant.from(event.start).epochMilliseconds;
  const outside = event.participantStatuses;
  const allDeclined = outside.length > 0 && outside.every((status) => status === 'declined');
  const base = { at: event.start, source, sourceTitle: event.title };
  const title = normalize(event.title);
  if (start > now) {
    return allDeclined ? [] : [{ ...base, id: `event:${event.id}:meeting_booked`, kind: 'meeting_booked', text: event.title }];
  }
  const said = normalize(`${event.title} ${event.description ?? ''}`);
  if (allDeclined || NO_SHOW.test(said)) {
    const text = allDeclined ? `${event.title} (every invitee declined)` : event.title;
    return [{ ...base, id: `event:${event.id}:no_show`, kind: 'no_show', text }];
  }
  const held: Signal[] = [{ ...base, id: `event:${event.id}:meeting_held`, kind: 'meeting_held', text: event.title }];
  for (const { kind, pattern } of MEETING_TITLE_PHRASES) {
    if (pattern.test(title)) held.push({ ...base, id: `event:${event.id}:${kind}`, kind, text: event.title });
  }
  return held;
}

const isCompleted = (task: TaskFacts) => /^(?:completed|done|closed)$/i.test(task.status.trim());

function taskSignals(task: TaskFacts, today: Temporal.PlainDate): Signal[] {
  const source = { kind: 'task', module: 'Tasks', id: task.id } as const;
  const base = { source, sourceTitle: task.subject };
  const done = isCompleted(task);
  const out: Signal[] = [];
  if (done) {
    out.push({ ...base, id: `task:${task.id}:task_done`, kind: 'task_done', text: task.subject, at: task.closedTime ?? task.dueDate });
  } else if (task.dueDate && Temporal.PlainDate.compare(Temporal.PlainDate.from(task.dueDate), today) < 0) {
    const late = Temporal.PlainDate.from(task.dueDate).until(today).days;
    out.push({ ...base, id: `task:${task.id}:task_overdue`, kind: 'task_overdue', text: `${task.subject} (due ${task.dueDate}, ${late} day${late === 1 ? '' : 's'} overdue)`, at: task.dueDate, value: late });
  } else {
    out.push({ ...base, id: `task:${task.id}:task_open`, kind: 'task_open', text: task.subject, at: task.dueDate });
  }
  const subject = normalize(task.subject);
  for (const { kind, pattern, done: needsDone } of TASK_SUBJECT_PHRASES) {
    if ((done || !needsDone) && pattern.test(subject)) {
      out.push({ ...base, id: `task:${task.id}:${kind}`, kind, text: task.subject, at: done ? (task.closedTime ?? task.dueDate) : task.dueDate });
    }
  }
  return out;
}

/** Calendar date of an instant in `timeZone`. */
export function dateIn(iso: string | number, timeZone: string): Temporal.PlainDate {
  const instant = typeof iso === 'number' ? Temporal.Instant.fromEpochMilliseconds(iso) : Temporal.Instant.from(iso);
  return instant.toZonedDateTimeISO(timeZone).toPlainDate();
}

function dealSignals(input: DealEvidenceInput, today: Temporal.PlainDate): Signal[] {
  const { deal } = input;
  const field = (name: string) => ({ kind: 'field', module: 'Deals', id: deal.id, field: name }) as const;
  const out: Signal[] = [];
  if (deal.amount !== null && deal.amount > 0) {
    out.push({ id: 'field:Amount:amount_set', kind: 'amount_set', text: `Amount: ${deal.amount}`, at: null, value: deal.amount, source: field('Amount'), sourceTitle: deal.name });
  }
  if (deal.closingDate) {
    const days = today.until(Temporal.PlainDate.from(deal.closingDate)).days;
    const [kind, text]: [SignalKind, string] =
      days < 0
        ? ['closing_date_passed', `Closing date ${deal.closingDate} passed ${-days} day${days === -1 ? '' : 's'} ago`]
        : days <= NEAR_DAYS
          ? ['closing_date_near', `Closing date ${deal.closingDate}, in ${days} day${days === 1 ? '' : 's'}`]
          : ['closing_date_future', `Closing date ${deal.closingDate}, in ${days} days`];
    out.push({ id: `field:Closing_Date:${kind}`, kind, text, at: null, value: Math.abs(days), source: field('Closing_Date'), sourceTitle: deal.name });
  }
  if (deal.nextStep) {
    out.push({ id: 'field:Next_Step:next_step_set', kind: 'next_step_set', text: `Next step: ${clip(deal.nextStep, SIGNAL_TEXT_MAX - 11)}`, at: null, source: field('Next_Step'), sourceTitle: deal.name });
  }
  const entered = enteredCurrentStage(input);
  if (entered) {
    const days = dateIn(entered, input.timeZone).until(today).days;
    out.push({
      id: 'history:days_in_stage',
      kind: 'days_in_stage',
      text: `In ${deal.stage} for ${days} day${days === 1 ? '' : 's'} (since ${dateIn(entered, input.timeZone).toString()})`,
      at: entered,
      value: Math.max(0, days),
      source: { kind: 'history', module: 'Deals', id: deal.id },
      sourceTitle: deal.name,
    });
  }
  return out;
}

/** When the deal entered its current stage, per the stage history (null without a consistent one). */
export function enteredCurrentStage(input: Pick<DealEvidenceInput, 'deal' | 'stageHistory'>): string | null {
  const last = input.stageHistory?.at(-1);
  return last && stageKey(last.stage) === stageKey(input.deal.stage) ? last.at : null;
}

const atMs = (signal: Signal) => (signal.at === null ? -Infinity : signal.at.length === 10 ? Temporal.PlainDate.from(signal.at).toZonedDateTime('UTC').epochMilliseconds : Temporal.Instant.from(signal.at).epochMilliseconds);

/** Marks each signal a later opposite one outweighs (`supersededBy`). */
function supersede(signals: Signal[]): void {
  for (const signal of signals) {
    const by = SUPERSEDES[signal.kind as SignalKind];
    if (!by || signal.at === null) continue;
    const mine = atMs(signal);
    let latest: Signal | null = null;
    for (const other of signals) {
      if (!by.includes(other.kind as SignalKind) || other.at === null) continue;
      const theirs = atMs(other);
      if (theirs > mine && (latest === null || theirs > atMs(latest))) latest = other;
    }
    if (latest) signal.supersededBy = latest.id;
  }
}

/**
 * Every signal of a deal as of `input.now`: dated ones newest first (ties by source record, then in
 * the order the record gives them), then the deal's
 * field and history facts.
 */
export function extractSignals(input: DealEvidenceInput, options: ExtractOptions = {}): Signal[] {
  const today = dateIn(input.now, input.timeZone);
  const phrases = options.phrases ?? [];
  const dated = [
    ...input.notes.flatMap((note) => noteSignals(note, input.deal.id, phrases)),
    ...input.events.flatMap((event) => eventSignals(event, input.now)),
    ...input.tasks.flatMap((task) => taskSignals(task, today)),
  ];
  // Newest first; a record's own signals stay in the order its text gives them (the sort is stable).
  dated.sort((a, b) => atMs(b) - atMs(a) || (a.source.id < b.source.id ? -1 : a.source.id > b.source.id ? 1 : 0));
  const all = [...dated, ...dealSignals(input, today)];
  supersede(all);
  return all;
}
