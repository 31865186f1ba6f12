// The phrases ./signals.ts looks for in notes, held meetings' titles and tasks' subjects, one pack
// per language — English, Spanish, German, French, Portuguese — chosen by the note's language
// (text.ts detectLanguage; English is read as well in the others, as reps mix in English words);
// each pattern names the signal kind it gives, and each pack carries its negation and hedging cues.
// Written by hand. Patterns run over normalized text: lower case, accents folded ("cotizacion"),
// straight quotes, single spaces.
//
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

import type { SignalKind } from './signals';
import { ENGLISH_CUES, type Cues, type Language } from './text';

export type Mood = 'topic' | 'fact' | 'commitment' | 'negative';
export interface PhraseRule {
  kind: SignalKind;
  mood: Mood;
  patterns: readonly RegExp[];
}

/** A word or two in a held meeting's title that says what happened in it. */
export interface TitlePhrase {
  kind: SignalKind;
  pattern: RegExp;
}

/** Words in a task's subject; `done`: only when the task is Completed. */
export interface TaskSubjectPhrase {
  kind: SignalKind;
  pattern: RegExp;
  done: boolean;
}

/** Everything signals.ts reads in one language's text. */
export interface PhrasePack {
  /** BCP 47 tag of the language the patterns are written for. */
  language: Language;
  /** What cancels a phrase in this language. */
  cues: Cues;
  notes: readonly PhraseRule[];
  meetingTitles: readonly TitlePhrase[];
  taskSubjects: readonly TaskSubjectPhrase[];
  /** A meeting's title or description saying the other side did not come. */
  noShow: RegExp;
}

// ---- English -------------------------------------------------------------------------------------

const PROPOSAL = '(?:proposal|quote|quotation|pricing|price list|estimate|offer|sow)';
const LEADER = '(?:cfo|ceo|cto|cio|coo|vp|president|owner|founder|board|finance director|managing director|md|gm|general manager|head of [a-z]+|director)';

const NOTE_PHRASES: readonly PhraseRule[] = [
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
      new RegExp(`\\b(?:asked|asks|asking|requested|requests|would like|want|wants|wanted)\\b(?:\\s+\\S+){0,6}?\\s+${PROPOSAL}\\b`),
      // "send us / me a quote" is the customer asking; "send them the proposal" is our own plan.
      new RegExp(`\\b(?:send|share|get)\\s+(?:us|me)\\b(?:\\s+\\S+){0,3}?\\s+${PROPOSAL}\\b`),
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
      /\bbudget:?\s+(?:is\s+|was\s+|has been\s+|got\s+|now\s+|has now been\s+)?(?:approved|confirmed|signed off|allocated|secured|agreed|in place|released|sanctioned|ok'?d|okayed|ok'ed|unfrozen)\b/,
      /\b(?:funds|money)\s+(?:are\s+|were\s+|have been\s+)?(?:set aside|earmarked|approved|signed off|allocated)\b/,
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
      /\b(?:key|main|their|top)\s+needs\b/,
      /\bneeds\s*:/,
      /\brequirements\s+(?:workshop|session|call)\b/,
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
      /\bwalked\s+(?:\S+\s+){1,4}?through\s+(?:the|our)\s+(?:product|platform|app|solution|tool)\b/,
      /\bdemo'?(?:d|ed)\b/,
      /\b(?:full|product|live)\s+demo\s+(?:given|done|delivered)\b/,
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
      /\b(?:lawyers?|attorneys?|solicitors?)\b/,
      /\bmarked up\s+(?:our|the)\s+(?:paper|contract|agreement|msa|terms)\b/,
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
      /\bsigned\s+(?:the\s+)?(?:quote|proposal|offer|estimate|order)\b/,
      // E-signature tools' notifications (DocuSign, Adobe Acrobat Sign, PandaDoc, Yousign, HelloSign).
      /\ball (?:parties|signers|recipients) (?:have )?(?:completed|signed)\b/,
      /\bcompleted by all (?:recipients|signers|parties)\b/,
      /\b(?:is )?signed and filed\b/,
      /\bboth parties (?:have )?signed\b/,
      /\bsigned by all\b/,
      /\bpaid the (?:first |initial )?invoice\b/,
      /\bcountersigned\b/,
    ],
  },
  {
    kind: 'verbal_commit',
    mood: 'commitment',
    patterns: [
      /\bverbal(?:ly)?\s+(?:yes|commit(?:ment|ted)?|agreement|agreed|approval|approved|go-?ahead|ok)\b/,
      // Not "decided to move forward with <another vendor>".
      /\b(?:agreed|committed|decided|confirmed)\s+to\s+(?:go ahead|move forward|proceed|buy|purchase|sign)\b(?!\s+with\s+(?!us\b|our\b))/,
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
      // A named vendor that is not us: "went with AlayaCare", "decided to move forward with CDK".
      /\b(?:went|gone|going|decided to go|move forward|moving forward|proceed|proceeding|signed|chose|picked|selected)\s+with\s+(?!us\b|our\b|we\b|the\b|a\b|an\b|it\b|this\b|that\b|them\b|you\b|him\b|her\b|both\b|option\b|their legal\b)[a-z][\w&.-]*/,
      /\bsigned with (?:a |another |the )?(?:different|other|another|new)\s+(?:vendor|supplier|provider|partner|company)\b/,
    ],
  },
  {
    kind: 'lost_no_budget',
    mood: 'fact',
    patterns: [
      // A frozen budget is a pause (budget_missing), not a loss: it thaws.
      /\b(?:budget|funding)\s+(?:was\s+|has been\s+|got\s+|is\s+being\s+|is\s+)?(?:cut|pulled|withdrawn|slashed|reallocated|redirected|cancelled|canceled)\b/,
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
      /\b(?:love|loves) it\b/,
      /\bvery positive\b/,
      /\bglowing\b/,
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
      /\b(?:pilot|trial|poc|proof of concept)(?:\s+\S+){0,4}?\s+(?:is\s+|has\s+)?(?:running|live|started|underway|under way|in progress|results?|feedback|went live|kicked off|going (?:well|great|fine))\b/,
      /\busing it live\b/,
      /\b(?:during|in|from)\s+the\s+(?:pilot|trial)\b/,
      /\bfeedback\s+(?:on|from)\s+the\s+(?:pilot|trial)\b/,
    ],
  },
  {
    kind: 'disqualified',
    mood: 'fact',
    patterns: [/\bdisqualif(?:y|ied|ying)\b/, /\bdq'?(?:d|ed)?\b/],
  },
  {
    kind: 'disqualified',
    mood: 'negative',
    patterns: [/\bnot (?:a |really a )?(?:good )?fit\b/, /\bnot qualified\b/],
  },
  {
    kind: 'gone_silent',
    mood: 'fact',
    patterns: [/\b(?:went|gone|going) (?:dark|silent|quiet)\b/, /\bghost(?:ed|ing)\b/, /\bclosing (?:this|it) out\b/],
  },
  {
    kind: 'gone_silent',
    mood: 'negative',
    patterns: [/\bno (?:reply|response|answer)s?\s+(?:to|since|in|for|after)\b/, /\bnot (?:replying|responding|answering)\b/],
  },
  {
    kind: 'no_decision',
    mood: 'fact',
    patterns: [
      /\b(?:decided|chose|choosing|opted|decision) to do nothing\b/,
      /\b(?:stick|sticking|stay|staying|keep|keeping)\s+with\s+(?:the\s+)?(?:status quo|spreadsheets?|excel|paper|what they have)\b/,
      /\b(?:lost|closing|closed)\b(?:\s+\S+){0,3}?\s+no decision\b/,
    ],
  },
  {
    kind: 'no_decision',
    mood: 'negative',
    patterns: [/\b(?:couldn't|could not|can't|cannot|did not|didn't)\s+(?:agree|reach a decision|decide)\b/],
  },
  {
    kind: 'revived',
    mood: 'commitment',
    patterns: [
      /\b(?:they're|they are) back\b/,
      /\bback with us\b/,
      /\b(?:restart|revive|reactivate|reopen|re-open|resume|unpause)(?:d|s|ing)?\b/,
      /\bunfrozen\b/,
      /\bfell through\b/,
      /\bback on (?:track|the table)\b/,
    ],
  },
];

/** A held meeting's title also says what happened in it (titles are terse: no negation test). */
const MEETING_TITLE_PHRASES: readonly TitlePhrase[] = [
  { kind: 'demo_done', pattern: /\bdemo(?:nstration)?s?\b/ },
  { kind: 'legal_review', pattern: /\b(?:legal|msa|dpa|contract review|redlines?)\b/ },
  { kind: 'needs_identified', pattern: /\b(?:discovery|needs (?:analysis|assessment)|requirements|scoping)\b/ },
  { kind: 'pricing_discussed', pattern: /\b(?:pricing|price|quote|commercials?|negotiation)\b/ },
];

/** A task's subject says what was done; `done`: only when the task is Completed. */
const TASK_SUBJECT_PHRASES: readonly TaskSubjectPhrase[] = [
  { kind: 'proposal_sent', pattern: new RegExp(`\\b(?:send|sent|email|share|submit)\\b.*\\b${PROPOSAL}\\b`), done: true },
  { kind: 'demo_done', pattern: /\bdemo(?:nstration)?\b/, done: true },
  { kind: 'legal_review', pattern: /\b(?:msa|dpa|redlines?|contract review|legal)\b/, done: false },
];

const NO_SHOW = /\bno[- ]show\b|\b(?:didn't|did not|failed to)\s+(?:show|turn up|attend|join)\b|\bstood\s+(?:us|me)\s+up\b/;

export const ENGLISH: PhrasePack = {
  language: 'en',
  cues: ENGLISH_CUES,
  notes: NOTE_PHRASES,
  meetingTitles: MEETING_TITLE_PHRASES,
  taskSubjects: TASK_SUBJECT_PHRASES,
  noShow: NO_SHOW,
};

// ---- Other languages -----------------------------------------------------------------------------
// Written for how reps write in each language (word forms spelled out as alternations: firmado,
// firmaron, firmamos…). Meeting titles and task subjects are matched in every language at once.

const rule = (kind: SignalKind, mood: Mood, ...patterns: RegExp[]): PhraseRule => ({ kind, mood, patterns });
const gap = (n: number) => `(?:\\s+\\S+){0,${n}}?\\s+`;
const re = (source: string) => new RegExp(source);

const SPANISH_CUES: Cues = {
  boundary: /[,;:–—()[\]"]|\s-\s|\b(?:y|pero|sin embargo|aunque|mientras|entonces|porque|hasta)\b/g,
  negation: /\b(?:no|nunca|jamas|sin|ni|ningun|ninguna|ninguno|nada|nadie|tampoco)\b/,
  pseudoNegation: /\b(?:no solo|sin duda|sin problemas?)\b/g,
  afterNegation: /^[\s,:–—-]*(?:pendiente|todavia no|aun no|por confirmar)\b/,
  conditional: /\b(?:si|en caso de|siempre que|a menos que|cuando)\b/,
  modal: /\b(?:va a|van a|vamos a|podria|podrian|deberia|deberian|quizas|tal vez|planean|esperamos|enviaremos|haremos|probablemente)\b/,
  otherParty: /\b(?:otro cliente|otra empresa|caso de exito|cliente de referencia)\b/,
};

const SPANISH: PhrasePack = {
  language: 'es',
  cues: SPANISH_CUES,
  notes: [
    rule('pricing_discussed', 'topic', /\b(?:precios?|descuentos?|cotizacion|tarifas?)\b/),
    rule('proposal_requested', 'commitment', re(`\\b(?:pidieron|pidio|piden|pide|solicitaron|solicito|solicitan|quieren|quiere)${gap(4)}(?:cotizacion|propuesta|oferta|presupuesto formal)\\b`)),
    rule('proposal_sent', 'fact', re(`\\b(?:enviamos|mandamos|presentamos|entregamos|se envio|se mando)${gap(3)}(?:cotizacion|propuesta|oferta)\\b`), re(`\\b(?:cotizacion|propuesta|oferta)${gap(2)}(?:enviada|enviado|entregada|presentada)\\b`)),
    rule('budget_approved', 'fact', re(`\\bpresupuesto${gap(2)}(?:aprobado|confirmado|asignado|autorizado|liberado|garantizado)\\b`), /\b(?:aprobaron|confirmaron|autorizaron|asignaron|liberaron) (?:el )?presupuesto\b/),
    rule('budget_missing', 'negative', /\b(?:no|sin)\s+(?:\S+\s+){0,2}?presupuesto\b/, /\bpresupuesto\s+(?:\S+\s+)?(?:pendiente|congelado)\b/),
    rule('needs_identified', 'topic', /\bnecesidad(?:es)?\b/, /\brequisitos\b/, /\b(?:problema|dolor|reto|desafio)s? (?:principal|principales)\b/, /\b(?:su|el) (?:principal )?problema\b/, /\bcasos? de uso\b/),
    rule('demo_done', 'fact', re(`\\b(?:hicimos|hizo|dimos|realizamos|presentamos|mostramos|tuvimos)${gap(3)}(?:demo|demostracion)\\b`), re(`\\b(?:demo|demostracion)${gap(2)}(?:realizada|hecha|fue bien|salio bien)\\b`)),
    rule('decision_maker_identified', 'topic', /\btoman? la decision\b/, /\bdecisor(?:a|es)?\b/, /\bquien (?:decide|firma|aprueba)\b/, /\b(?:tiene|tendra) la ultima palabra\b/, /\bresponsable de la decision\b/),
    rule('no_decision_maker', 'negative', /\bno (?:es|son) (?:el|la|los|quien)\s+(?:que )?(?:decide|decisor|decisora)\b/, /\bno sabemos quien (?:decide|firma|aprueba)\b/),
    rule('legal_review', 'topic', /\b(?:departamento|equipo|area) (?:legal|juridico)\b/, /\bjuridico\b/, /\babogad[oa]s?\b/, /\b(?:revis\w*|negocia\w*)(?:\s+\S+){0,2}?\s+(?:el |del )?contrato\b/, /\bclausulas?\b/),
    rule('contract_signed', 'fact', re(`\\b(?:contrato|acuerdo|pedido|orden de compra|propuesta|cotizacion)${gap(4)}firmad[oa]s?\\b`), re(`\\bfirm(?:o|aron|amos|ado)${gap(3)}(?:contrato|acuerdo|orden|pedido|propuesta)\\b`), /\b(?:recibimos|llego|nos enviaron) (?:la )?(?:orden de compra|oc)\b/),
    rule('verbal_commit', 'commitment', re(`\\baceptaron${gap(3)}(?:condiciones|propuesta|terminos|precio|oferta|cotizacion)\\b`), re(`\\b(?:condiciones|terminos)${gap(2)}(?:aceptad|acordad|aprobad)[oa]s\\b`), /\bacuerdo verbal\b/, /\b(?:visto bueno|luz verde)\b/, /\bnos eligieron\b/),
    rule('deal_won', 'fact', /\bganamos\b/, /\bcerrad[oa] ganad[oa]\b/, /\b(?:negocio|trato|venta) cerrad[oa]\b/),
    rule('lost_to_competitor', 'fact', /\b(?:eligieron|escogieron|optaron por|se decidieron por|se fueron con|se van con|se iban con|firmaron con|prefirieron|perdimos con|perdimos contra|perdimos frente a)\s+(?:a\s+)?(?:la\s+|el\s+|un\s+|una\s+)?(?:competencia|competidor|otro proveedor|otra empresa|otra opcion|otra solucion)\b/),
    rule('lost_no_budget', 'fact', /\b(?:recortaron|cortaron|retiraron) (?:el )?presupuesto\b/, /\bpresupuesto (?:fue )?(?:recortado|cancelado|retirado)\b/),
    rule('deal_lost', 'fact', re(`\\b(?:proyecto|oportunidad|compra)${gap(2)}(?:cancelad|descartad|perdid)[oa]\\b`), /\bperdimos (?:la oportunidad|el negocio|el trato)\b/, /\bcerrad[oa] perdid[oa]\b/, /\bdesistieron\b/),
    rule('deal_lost', 'negative', /\bno quieren (?:seguir|continuar|avanzar)\b/, /\bdecidieron no (?:seguir|continuar|avanzar|comprar)\b/),
    rule('asked_to_pause', 'commitment', /\b(?:en|de) pausa\b/, /\bpaus(?:ar|aron|ado|ada)\b/, /\b(?:pospus\w+|posponer|aplaz\w+)\b/, /\bsuspendid[oa]\b/, /\bcongelad[oa]\b/),
    rule('revived', 'commitment', /\breactiv(?:aron|ar|ado|ada)\b/, /\bretom(?:ar|aron|amos)\b/, /\bvolvieron (?:con nosotros|a contactarnos)\b/, /\breanud\w+\b/),
    rule('positive_feedback', 'topic', /\b(?:les |le )?gusto\b/, /\bcontent[oa]s?\b/, /\bsatisfech[oa]s?\b/, /\b(?:buena|positiva) (?:respuesta|recepcion|acogida)\b/, /\bencantad[oa]s\b/),
    rule('pilot_running', 'fact', re(`\\b(?:piloto|prueba|periodo de prueba)${gap(2)}(?:en marcha|en curso|funcionando|activo|arranco|comenzo)\\b`)),
    rule('competitor_mentioned', 'topic', /\b(?:competencia|competidor(?:es)?)\b/),
    rule('disqualified', 'fact', /\bdescalificad[oa]\b/),
    rule('gone_silent', 'negative', /\b(?:no|sin) (?:responde|responden|respuesta|contesta|contestan)\b/),
    rule('no_decision', 'negative', /\bno (?:tomaron|llegaron a) (?:una |ninguna )?decision\b/),
  ],
  meetingTitles: [{ kind: 'demo_done', pattern: /\b(?:demo|demostracion)\b/ }, { kind: 'needs_identified', pattern: /\b(?:descubrimiento|necesidades|requisitos)\b/ }, { kind: 'pricing_discussed', pattern: /\b(?:precios?|cotizacion)\b/ }],
  taskSubjects: [],
  noShow: /\bno se presento\b|\bno asistio\b/,
};

const GERMAN_CUES: Cues = {
  boundary: /[,;:–—()[\]"„“]|\s-\s|\b(?:und|aber|jedoch|obwohl|wahrend|dann|weil|sondern|bis)\b/g,
  negation: /\b(?:nicht|kein|keine|keinen|keiner|keinem|nie|niemals|ohne|weder)\b/,
  pseudoNegation: /\b(?:nicht nur|kein problem|ohne probleme)\b/g,
  afterNegation: /^[\s,:–—-]*(?:noch nicht|ausstehend|offen|unklar)\b/,
  // "wurde" is also the past passive ("Budget wurde genehmigt"), so it is no hedge here.
  conditional: /\b(?:wenn|falls|sofern|ob)\b/,
  modal: /\b(?:werden|konnte|konnten|sollte|sollten|mochte|mochten|wollen|planen|plant|geplant|vielleicht|eventuell|voraussichtlich)\b/,
  otherParty: /\b(?:anderer kunde|anderen kunden|referenzkunde|fallstudie)\b/,
};

const GERMAN: PhrasePack = {
  language: 'de',
  cues: GERMAN_CUES,
  notes: [
    rule('pricing_discussed', 'topic', /\b(?:preise?|rabatt|konditionen|lizenzkosten)\b/),
    rule('proposal_requested', 'commitment', re(`\\b(?:bittet|bat|gebeten|fragt|fragte|mochte|will|wunscht|wunschte|braucht|benotigt)${gap(5)}angebot\\b`), /\bangebot (?:angefragt|angefordert)\b/),
    rule('proposal_sent', 'fact', re(`\\bangebot${gap(5)}(?:verschickt|versendet|gesendet|geschickt|ubermittelt|rausgegangen|raus)\\b`)),
    rule('budget_approved', 'fact', re(`\\bbudget${gap(3)}(?:freigegeben|genehmigt|bewilligt|bestatigt|vorhanden|eingeplant|gesichert)\\b`), /\b(?:freigegebenes|genehmigtes) budget\b/),
    rule('budget_missing', 'negative', /\b(?:kein|keine|ohne)\s+(?:\S+\s+)?budget\b/, /\bbudget\s+(?:\S+\s+){0,2}?(?:nicht|noch nicht)\s+(?:\S+\s+)?(?:freigegeben|genehmigt|vorhanden)\b/),
    rule('needs_identified', 'topic', /\banforderungen\b/, /\bbedarf\b/, /\bschmerzpunkte\b/, /\bherausforderungen\b/, /\bprobleme? mit\b/, /\banwendungsfall\w*\b/),
    rule('demo_done', 'fact', re(`\\b(?:demo|vorfuhrung|produktvorfuhrung|produktdemo|prasentation)${gap(4)}(?:durchgefuhrt|gehalten|gezeigt|gemacht|erfolgt|stattgefunden|gelaufen)\\b`), /\b(?:nach|in) der (?:demo|vorfuhrung)\b/),
    rule('decision_maker_identified', 'topic', /\bentscheider(?:in)?\b/, /\bentscheidungstrager\w*\b/, /\b(?:hat|haben) das letzte wort\b/, /\bentscheidet\b/, /\bzeichnungsberechtigt\b/),
    rule('no_decision_maker', 'negative', /\bnicht (?:der |die )?entscheider(?:in)?\b/, /\bwissen (?:wir )?(?:noch )?nicht,? wer\b/, /\bwer (?:entscheidet|unterschreibt),? wissen wir (?:noch )?nicht\b/),
    rule('legal_review', 'topic', /\brechtsabteilung\b/, /\bjuristisch\w*\b/, /\bjurist(?:en)?\b/, /\banwalt\w*\b/, /\bvertragsentwurf\b/, /\bvertragsverhandlung\w*\b/, /\bvertragsprufung\b/),
    rule('contract_signed', 'fact', re(`\\b(?:vertrag|auftrag|bestellung|angebot|vereinbarung|auftragsbestatigung)${gap(4)}(?:unterschrieben|unterzeichnet|gegengezeichnet)\\b`), re(`\\b(?:unterschriebene|unterschriebenen|unterzeichnete|unterzeichneten)${gap(2)}(?:vertrag|auftrag|bestellung)\\b`), /\bauftrag erteilt\b/, /\bbestellung (?:ist )?(?:eingegangen|erhalten|kam)\b/),
    rule('verbal_commit', 'commitment', re(`\\b(?:angebot|konditionen|preise?|bedingungen)${gap(3)}(?:angenommen|akzeptiert|vereinbart|zugestimmt)\\b`), /\bmundliche zusage\b/, /\bzusage (?:erhalten|bekommen)\b/, /\bgrunes licht\b/, /\bfur uns entschieden\b/),
    rule('deal_won', 'fact', /\bgewonnen\b/),
    rule('lost_to_competitor', 'fact', /\b(?:fur|an) (?:einen |den |die |einem )?(?:wettbewerber|konkurrenz|mitbewerber|konkurrenten)\b/, /\bverloren an\b/),
    rule('lost_no_budget', 'fact', re(`\\bbudget${gap(2)}(?:gestrichen|gekurzt|zuruckgezogen)\\b`)),
    rule('deal_lost', 'fact', re(`\\b(?:projekt|vorhaben|auftrag|anfrage)${gap(2)}(?:gestoppt|abgesagt|eingestellt|gestrichen|storniert)\\b`), /\babsage\b/, /\babgesagt\b/),
    rule('deal_lost', 'negative', /\bnicht weiterverfolgt\b/, /\bkein bedarf mehr\b/, /\bnicht weiter kontaktiert\b/),
    rule('asked_to_pause', 'commitment', /\bpaus(?:e|ieren|iert)\b/, /\bauf eis\b/, /\bverschoben\b/, /\bverschieben\b/, /\bzuruckgestellt\b/, /\bwiedervorlage\b/),
    rule('revived', 'commitment', /\bwieder aufgenommen\b/, /\breaktiviert\b/, /\bwieder aktiv\b/),
    rule('positive_feedback', 'topic', /\bzufrieden\b/, /\bbegeistert\b/, /\bgute resonanz\b/, /\bpositive?s? (?:ruckmeldung|feedback)\b/, /\bgefallt\b/),
    rule('pilot_running', 'fact', re(`\\b(?:testphase|pilot\\w*|test)${gap(2)}(?:lauft|gestartet|aktiv|live)\\b`)),
    rule('competitor_mentioned', 'topic', /\b(?:wettbewerber|konkurrenz|mitbewerber)\b/),
  ],
  meetingTitles: [{ kind: 'demo_done', pattern: /\b(?:demo|vorfuhrung|produktvorfuhrung|produktdemo)\b/ }, { kind: 'needs_identified', pattern: /\b(?:bedarfsgesprach|bedarfsanalyse|anforderungen)\b/ }, { kind: 'legal_review', pattern: /\b(?:vertragsprufung|rechtsabteilung)\b/ }],
  taskSubjects: [],
  noShow: /\bnicht erschienen\b/,
};

const FRENCH_CUES: Cues = {
  boundary: /[,;:–—()[\]"«»]|\s-\s|\b(?:et|mais|cependant|bien que|alors|donc|parce que|car|jusqu'a)\b/g,
  negation: /\b(?:ne|pas|jamais|aucun|aucune|sans|rien|personne)\b|\bn'/,
  pseudoNegation: /\b(?:sans doute|sans probleme|pas seulement)\b/g,
  afterNegation: /^[\s,:–—-]*(?:pas encore|en attente|a confirmer)\b/,
  conditional: /\b(?:si|s'il|s'ils|lorsque|quand|au cas ou|a condition)\b/,
  modal: /\b(?:va|vont|allons|pourrait|pourraient|devrait|devraient|prevu|prevue|prevoit|peut-etre|probablement|envisage|envisagent)\b/,
  otherParty: /\b(?:autre client|cas client|client de reference|etude de cas)\b/,
};

const FRENCH: PhrasePack = {
  language: 'fr',
  cues: FRENCH_CUES,
  notes: [
    rule('pricing_discussed', 'topic', /\b(?:prix|tarifs?|remise|devis|chiffrage)\b/),
    rule('proposal_requested', 'commitment', re(`\\b(?:demande|demandent|demanderont|souhaite|souhaitent|veulent|veut|attend|attendent)${gap(4)}(?:offre|devis|proposition|chiffrage)\\b`)),
    rule('proposal_sent', 'fact', re(`\\b(?:proposition|offre|devis)${gap(2)}(?:envoye|envoyee|transmis|transmise|adresse|adressee|remis|remise|partie?)\\b`), re(`\\b(?:avons|a) (?:envoye|transmis|remis)${gap(2)}(?:proposition|offre|devis)\\b`)),
    rule('budget_approved', 'fact', re(`\\bbudget${gap(2)}(?:valide|approuve|confirme|debloque|accorde|alloue|vote)\\b`)),
    rule('budget_missing', 'negative', /\bpas (?:encore )?de budget\b/, /\b(?:sans|aucun) budget\b/, /\bbudget (?:n'est )?pas (?:encore )?(?:valide|approuve)\b/),
    rule('needs_identified', 'topic', /\bbesoins?\b/, /\bexigences\b/, /\bpoints? de douleur\b/, /\bproblematiques?\b/, /\bcahier des charges\b/, /\bcas d'usage\b/),
    rule('demo_done', 'fact', re(`\\bdemo(?:nstration)?${gap(3)}(?:realisee|faite|effectuee|presentee|terminee)\\b`), /\bdemo(?:nstration)? s'est bien passee\b/, re(`\\b(?:avons|a|ont) (?:fait|realise|presente|montre)${gap(2)}demo`)),
    rule('decision_maker_identified', 'topic', /\bdecideu(?:r|rs|se)\b/, /\bprend(?:ra)? la decision\b/, /\ba le dernier mot\b/, /\bsignataire\b/),
    rule('no_decision_maker', 'negative', /\b(?:n'est|ne sont) pas (?:le |la |les )?decideu/, /\bne savons pas qui (?:decide|signe)\b/),
    rule('legal_review', 'topic', /\bjuridique\b/, /\bavocats?\b/, /\bjuristes?\b/, /\bconditions generales\b/, /\brevue du contrat\b/, /\b(?:relit|relisent|relecture)\b/, /\bnegociation\b/),
    rule('contract_signed', 'fact', re(`\\b(?:contrat|bon de commande|devis|accord|commande|proposition)${gap(5)}(?:signe|signee|signes|contresigne)\\b`), /\b(?:avons|ont) signe\b/, /\bbon de commande (?:\S+\s+)?(?:recu|arrive)\b/, /\bsigne par tous\b/),
    rule('verbal_commit', 'commitment', /\baccord (?:verbal|de principe)\b/, re(`\\b(?:conditions|devis|proposition|offre|tarifs?)${gap(2)}(?:acceptee?s?|validee?s?|approuvee?s?)\\b`), /\bfeu vert\b/),
    rule('deal_won', 'fact', /\b(?:affaire|deal) (?:gagnee|conclue)\b/, /\bavons gagne\b/),
    rule('lost_to_competitor', 'fact', /\b(?:choisi|retenu|opte pour|prefere|signe avec)\s+(?:un |le |la |leur )?(?:concurrent|concurrence|autre (?:fournisseur|prestataire|editeur|solution))\b/, re(`\\bperdu${gap(2)}(?:face a|contre) (?:la |un |le )?(?:concurrence|concurrent)\\b`)),
    rule('lost_no_budget', 'fact', re(`\\bbudget${gap(2)}(?:coupe|supprime|retire|annule)\\b`)),
    rule('deal_lost', 'fact', re(`\\bprojet${gap(2)}(?:abandonne|annule|arrete|stoppe)\\b`), /\b(?:affaire|opportunite) perdue\b/, /\b(?:pas|sans) de suite\b/, /\bsans suite\b/, /\bon (?:cloture|clot|ferme)\b/),
    rule('deal_lost', 'negative', /\bne (?:souhaite|souhaitent|veut|veulent) (?:pas|plus) (?:poursuivre|continuer|donner suite)\b/),
    rule('asked_to_pause', 'commitment', /\ben pause\b/, /\ben attente\b/, /\b(?:reporte|repousse|suspendu)\b/, /\breprend(?:re|ons)? contact\b/),
    rule('revived', 'commitment', /\b(?:relance|reprise) du projet\b/, /\bprojet relance\b/, /\breactive\b/),
    rule('positive_feedback', 'topic', /\btres bon accueil\b/, /\b(?:retours?|feedback) (?:tres )?positifs?\b/, /\bsatisfaits?\b/, /\benthousiastes?\b/, /\bapprecie\b/),
    rule('pilot_running', 'fact', re(`\\b(?:pilote|test|essai|poc)${gap(2)}(?:tourne|en cours|lance|demarre|actif)\\b`)),
    rule('competitor_mentioned', 'topic', /\bconcurren(?:t|ts|ce)\b/),
    rule('gone_silent', 'negative', /\baucune reponse\b/, /\bne donne(?:nt)? plus de nouvelles\b/),
    rule('no_decision', 'negative', /\bn'a pas pris de decision\b/, /\bgarder l'existant\b/),
  ],
  meetingTitles: [{ kind: 'demo_done', pattern: /\b(?:demo|demonstration)\b/ }, { kind: 'needs_identified', pattern: /\b(?:besoins|decouverte)\b/ }],
  taskSubjects: [],
  noShow: /\bne s'est pas presente\b|\babsent\b/,
};

const PORTUGUESE_CUES: Cues = {
  boundary: /[,;:–—()[\]"]|\s-\s|\b(?:e|mas|porem|embora|entao|porque|ate)\b/g,
  negation: /\b(?:nao|nunca|sem|nem|nenhum|nenhuma|nada|ninguem|jamais)\b/,
  pseudoNegation: /\b(?:nao so|sem duvida|sem problemas?)\b/g,
  afterNegation: /^[\s,:–—-]*(?:pendente|ainda nao|a confirmar)\b/,
  // "se" is also the reflexive pronoun: only a clause that starts with it is a condition.
  conditional: /^se\b|\b(?:caso|desde que|a menos que|quando)\b/,
  modal: /\b(?:vai|vao|vamos|pode|podem|poderia|poderiam|deve|devem|deveria|pretende|pretendem|planeja|planejam|talvez|provavelmente)\b/,
  otherParty: /\b(?:outro cliente|outra empresa|caso de sucesso|cliente de referencia)\b/,
};

const PORTUGUESE: PhrasePack = {
  language: 'pt',
  cues: PORTUGUESE_CUES,
  notes: [
    rule('pricing_discussed', 'topic', /\b(?:precos?|desconto|cotacao)\b/),
    rule('proposal_requested', 'commitment', re(`\\b(?:pediu|pediram|solicitou|solicitaram|querem|quer)${gap(4)}(?:proposta|cotacao|orcamento formal)\\b`)),
    rule('proposal_sent', 'fact', re(`\\b(?:enviamos|mandamos|enviei|apresentamos|entregamos)${gap(3)}(?:proposta|cotacao)\\b`), re(`\\b(?:proposta|cotacao)${gap(2)}(?:enviada|enviado|entregue)\\b`)),
    rule('budget_approved', 'fact', re(`\\borcamento${gap(2)}(?:aprovado|confirmado|liberado|garantido)\\b`)),
    rule('budget_missing', 'negative', /\b(?:sem|nao)\s+(?:\S+\s+){0,2}?orcamento\b/),
    rule('needs_identified', 'topic', /\bnecessidades?\b/, /\brequisitos\b/, /\bdores\b/, /\bproblemas? (?:com|de)\b/, /\bdesafios?\b/),
    rule('demo_done', 'fact', re(`\\b(?:fizemos|fiz|demos|realizamos|apresentamos|mostramos)${gap(3)}(?:demo|demonstracao|apresentacao)\\b`), re(`\\b(?:demo|demonstracao)${gap(2)}(?:realizada|feita|concluida)\\b`)),
    rule('decision_maker_identified', 'topic', /\bdecisor(?:a|es)?\b/, /\btoma(?:ra)? a decisao\b/, /\bquem (?:decide|assina|aprova)\b/, /\bpalavra final\b/),
    rule('legal_review', 'topic', /\bjuridico\b/, /\badvogad[oa]s?\b/, /\bdepartamento legal\b/, /\bminuta\b/, /\brevis(?:ando|ao)(?:\s+\S+){0,2}?\s+contrato\b/, /\bclausulas?\b/, /\bnegociacao\b/),
    rule('contract_signed', 'fact', re(`\\b(?:contrato|pedido|proposta|acordo|ordem de compra|pedido de compra)${gap(4)}assinad[oa]\\b`), re(`\\bassin(?:ou|aram|amos)${gap(3)}(?:contrato|pedido|proposta|acordo)\\b`), /\b(?:recebemos|chegou) (?:o |a )?(?:pedido de compra|ordem de compra|po)\b/),
    rule('verbal_commit', 'commitment', re(`\\b(?:condicoes|proposta|termos|precos?)${gap(3)}(?:aprovad|aceit|acordad)[oa]s?\\b`), /\bacordo verbal\b/, /\bsinal verde\b/),
    rule('deal_won', 'fact', /\bnegocio fechado\b/, /\bganhamos\b/, /\bfechad[oa] ganh[oa]\b/),
    rule('lost_to_competitor', 'fact', re(`\\b(?:perdemos|perdido|perdida)${gap(2)}(?:para|pro)\\s+(?:o |a )?(?:concorrente|concorrencia)\\b`), /\b(?:optaram|optou|escolheram|escolheu|fecharam|fechou|preferiram)\s+(?:por |com )?(?:o |a |um |uma )?(?:outro fornecedor|outra empresa|concorrente|concorrencia|outra solucao)\b/),
    rule('lost_no_budget', 'fact', /\bcorte de (?:custos|orcamento)\b/, /\b(?:cortaram|cortou) (?:o )?orcamento\b/),
    rule('deal_lost', 'fact', re(`\\b(?:projeto|oportunidade|compra)${gap(2)}(?:cancelad|abandonad|perdid)[oa]\\b`), /\bdesist(?:iu|iram)\b/),
    rule('deal_lost', 'negative', /\bdecid(?:iu|iram) nao (?:seguir|continuar|avancar|comprar)\b/),
    rule('asked_to_pause', 'commitment', /\b(?:em |de )?pausa\b/, /\bsuspens[oa]\b/, /\b(?:adiad[oa]|adiar|adiaram)\b/, /\bcongelad[oa]\b/, /\bem espera\b/),
    rule('revived', 'commitment', /\bretom(?:ou|aram|ar)\b/, /\breativ(?:ou|aram|ado)\b/, /\bvoltaram\b/),
    rule('positive_feedback', 'topic', /\bgostaram\b/, /\bgostou\b/, /\bsatisfeit[oa]s?\b/, /\bfeedback positivo\b/, /\belogiaram\b/),
    rule('pilot_running', 'fact', re(`\\b(?:piloto|teste|periodo de teste|poc)${gap(2)}(?:rodando|em andamento|em curso|funcionando|ativo|comecou)\\b`)),
    rule('competitor_mentioned', 'topic', /\b(?:concorrente|concorrencia)\b/),
  ],
  meetingTitles: [{ kind: 'demo_done', pattern: /\b(?:demo|demonstracao)\b/ }, { kind: 'needs_identified', pattern: /\b(?:necessidades|levantamento)\b/ }],
  taskSubjects: [],
  noShow: /\bnao compareceu\b|\bnao apareceu\b/,
};

/** The pack for each language a note may be written in. */
export const PACKS: Readonly<Record<Language, PhrasePack>> = { en: ENGLISH, es: SPANISH, de: GERMAN, fr: FRENCH, pt: PORTUGUESE };
