// The phrases ./signals.ts looks for in notes, held meetings' titles and tasks' subjects, one pack
// per language (English only so far); each pattern names the signal kind it gives. Written by hand.
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
  language: string;
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
  notes: NOTE_PHRASES,
  meetingTitles: MEETING_TITLE_PHRASES,
  taskSubjects: TASK_SUBJECT_PHRASES,
  noShow: NO_SHOW,
};
