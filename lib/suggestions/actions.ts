// Follow-up tasks from notes: sentences where someone commits us to something ("She asked us to
// send the proposal by Friday", "Call him back this week", "I will put that in writing", "Next
// step: …") become Zoho Task drafts — an imperative subject, a due date and a priority — that the
// user edits before anything is created.
//
// Who is committed: in a transcript line (`[00:04:20] Priya Raman: I will …`) a first-person
// promise counts only when the speaker is the note's owner (our side); what another speaker asks
// of us ("send us the revised MSA by Thursday") always counts. In a plain note, written by our
// rep, "I/we will …" counts and third persons ("she will raise it with the CFO") do not.
//
// Due dates are read in the user's time zone, relative to the day the NOTE was written there (a
// note written late on Friday evening in Los Angeles says "by Friday" about that Friday, though it
// is Saturday in UTC):
//   by/on/until <weekday>        that weekday on or after the note's day
//   before <weekday>             the day before it
//   this <weekday> / next <weekday>   that weekday in the note's week (Mon–Sun) / in the next one
//   today, tonight, EOD          the note's day;  tomorrow: the next day
//   this week, end of the week   Friday of the note's week;  next week: Friday of the next week
//   within the week, in a week   seven days later
//   in/within N (working) days   N days (or working days) later
//   end of the month             its last day;  the Nth / last week of <month>: day 7·N / month end
//   <month> <day>, <day> <month>, yyyy-MM-dd   that date (the next one on or after the note's day)
//   otherwise                    three working days after the note (one when it says urgent/ASAP)
// Priority: High when the sentence says urgent, ASAP, immediately, … or ties the work to a named
// meeting ("before the board meeting", "take it to the Monday procurement meeting"); else Normal.
import { Temporal } from 'temporal-polyfill';
import { clip, isStagecoachNote, noteSentences, type Sentence } from './text';
import type { ActionItem, DealEvidenceInput, NoteFacts } from './types';

const SUBJECT_MAX = 255;
const DEFAULT_WORKING_DAYS = 3;

/** Verbs that start a task. */
const VERBS =
  'send|email|e-mail|call|phone|ring|follow up|schedule|book|set up|arrange|share|prepare|draft|confirm|check|review|update|deliver|provide|' +
  'introduce|loop in|get back|get|put|take|return|revise|finali[sz]e|submit|organi[sz]e|invite|reach out|write|ask|chase|remind|present|sign|' +
  'forward|circulate|order|ship|install|configure|demo|quote|propose|clarify|resend|re-send|reply|respond|answer|gather|collect|compile|create|fix|agree';
/** Words after which a leading verb is an instruction ("Call him back"), unlike a noun ("Review of …"). */
const OBJECT_WORD = /^(?:the|a|an|him|her|them|us|me|it|that|this|these|those|our|their|his|its|back|up|out|in|over|on|to|with|about|for|all|both|each|any|some)$/i;
const LEADING_VERB = new RegExp(`^(?:${VERBS})\\s+(\\S+)`, 'i');

/** "Next step: …", "Action items: …", "TODO: …", "Plan: …", "Follow-up: …", "Next: …", "Urgent: …". */
const LABEL = /^(?:next steps?|next|action(?: items?| points?)?|to-?do|follow[- ]ups?|plan|urgent|asap)\s*[:–—-]\s*(.+)$/i;
/** Someone asks us: "asked us to …", "wants me to …". */
const REQUEST = /\b(?:asked|asks|asking|wants|wanted|needs|would like|requested)\s+(?:us|me)\s+to\s+(.+)$/i;
/** "Please …", "Can you …", "Then …" followed by a verb: addressed to us. */
const POLITE = new RegExp(`\\b(?:please|can you|could you|would you|then)\\s+((?:${VERBS})\\b.+)$`, 'i');
/** A first-person promise. */
const PROMISE = new RegExp(`\\b(?:i|we)(?:'ll|\\s+will|\\s+shall|\\s+am going to|\\s+are going to|\\s+need to|\\s+must|\\s+have to)\\s+((?:${VERBS})\\b.+)$`, 'i');

const URGENT = /\b(?:urgent|urgently|asap|a\.s\.a\.p|as soon as possible|immediately|right away|top priority|critical)\b/i;
const BEFORE_MEETING = /\b(?:before|for|to|at)\s+(?:the|our|their|his|her|a|its)\s+(?:[\w-]+\s+){0,3}?(?:meeting|committee|board|review|presentation|demo|call)\b/i;

const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};
const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const NUMBERS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30 };
const ORDINALS: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };

const WEEKDAY = Object.keys(WEEKDAYS).sort((a, b) => b.length - a.length).join('|');
const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const COUNT = `\\d{1,3}|${Object.keys(NUMBERS).join('|')}`;

/** Time expressions, removed from the subject ("Send the proposal by Friday" → "Send the proposal"). */
const TIME_EXPRESSIONS: readonly RegExp[] = [
  new RegExp(`\\s*\\b(?:by|on|before|until|due|no later than)\\s+(?:the\\s+)?(?:end of\\s+)?(?:(?:this|next)\\s+)?(?:${WEEKDAY})\\b(?:\\s+(?:morning|afternoon|evening|night|eod))?`, 'gi'),
  new RegExp(`\\s*\\b(?:this|next)\\s+(?:${WEEKDAY})\\b`, 'gi'),
  new RegExp(`\\s*\\b(?:by|on|before|until)?\\s*(?:the\\s+)?(?:${MONTH})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`, 'gi'),
  new RegExp(`\\s*\\b(?:by|on|before|until)?\\s*(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH})\\b`, 'gi'),
  /\s*\b(?:by|on|before|until)?\s*\d{4}-\d{2}-\d{2}\b/gi,
  new RegExp(`\\s*\\b(?:in|during)?\\s*the\\s+(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\\s+week\\s+of\\s+(?:${MONTH})\\b`, 'gi'),
  new RegExp(`\\s*\\b(?:in|within)\\s+(?:the\\s+next\\s+)?(?:${COUNT})\\s+(?:business\\s+|working\\s+)?(?:days?|weeks?)\\b`, 'gi'),
  /\s*\b(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:day|week|month)\b/gi,
  /\s*\b(?:within|in)\s+(?:the|a)\s+week\b/gi,
  /\s*\b(?:by\s+)?(?:today|tonight|tomorrow|this week|next week|eod|eow|cob|asap|later this week|early next week)\b/gi,
  /\s*\b(?:as soon as possible|right away|immediately)\b/gi,
];

/** Where a subject stops: a new clause, a reason, a purpose. */
const SUBJECT_END = /\s*(?:[;:(]|\s[–—-]\s|,\s*(?:and|so|but|because|as|which)\b|\bso\s+(?:that\s+)?(?:she|he|they|we|i|it)\b|\bbecause\b|\band\s+(?:we|they|he|she|i|then)\b|\bso that\b)/i;

function noteDate(note: NoteFacts, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.from(note.createdTime).toZonedDateTimeISO(timeZone).toPlainDate();
}

function addWorkingDays(date: Temporal.PlainDate, days: number): Temporal.PlainDate {
  let day = date;
  for (let left = days; left > 0; ) {
    day = day.add({ days: 1 });
    if (day.dayOfWeek <= 5) left -= 1;
  }
  return day;
}

/** The weekday `dow` (1 = Monday) on or after `date`. */
const onOrAfter = (date: Temporal.PlainDate, dow: number) => date.add({ days: (dow - date.dayOfWeek + 7) % 7 });
const weekStart = (date: Temporal.PlainDate) => date.subtract({ days: date.dayOfWeek - 1 });
const count = (word: string) => (/^\d+$/.test(word) ? Number(word) : (NUMBERS[word.toLowerCase()] ?? 1));

/** The next `month`/`day` on or after `from` (next year when this year's has passed); null if no such date. */
function nextDate(from: Temporal.PlainDate, month: number, day: number): Temporal.PlainDate | null {
  for (const year of [from.year, from.year + 1]) {
    try {
      const date = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
      if (Temporal.PlainDate.compare(date, from) >= 0) return date;
    } catch {
      return null;
    }
  }
  return null;
}

/** The due date a sentence names, relative to the note's day; null when it names none. */
export function resolveDue(text: string, from: Temporal.PlainDate): Temporal.PlainDate | null {
  const s = text.toLowerCase().replace(/[’']/g, "'");
  let match: RegExpExecArray | null;

  if ((match = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(s))) {
    try {
      return Temporal.PlainDate.from({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { overflow: 'reject' });
    } catch {
      // not a date: read on
    }
  }
  if ((match = new RegExp(`\\b(first|second|third|fourth|last|1st|2nd|3rd|4th)\\s+week\\s+of\\s+(${MONTH})\\b`).exec(s))) {
    const month = MONTHS[match[2]!]!;
    const nth = match[1]!;
    // By the end of that week: day 7·N of the month (its last day for "the last week"), this year or next.
    const endOfWeek = (year: number) => {
      const first = Temporal.PlainDate.from({ year, month, day: 1 });
      return first.with({ day: nth === 'last' ? first.daysInMonth : Math.min(first.daysInMonth, 7 * ORDINALS[nth]!) });
    };
    const thisYear = endOfWeek(from.year);
    return Temporal.PlainDate.compare(thisYear, from) >= 0 ? thisYear : endOfWeek(from.year + 1);
  }
  if ((match = new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(s))) {
    const date = nextDate(from, MONTHS[match[1]!]!, Number(match[2]));
    if (date) return date;
  }
  if ((match = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH})\\b`).exec(s))) {
    const date = nextDate(from, MONTHS[match[2]!]!, Number(match[1]));
    if (date) return date;
  }
  // A weekday with a preposition ("by Friday", "next Wednesday"); "the Monday meeting" is a name, not a date.
  const weekday = new RegExp(`\\b(by|on|until|due|before|this|next|no later than)\\s+(?:the\\s+end\\s+of\\s+)?(?:(this|next)\\s+)?(${WEEKDAY})\\b`).exec(s);
  if (weekday) {
    const dow = WEEKDAYS[weekday[3]!]!;
    const which = weekday[2] ?? (weekday[1] === 'this' || weekday[1] === 'next' ? weekday[1] : null);
    if (which === 'next') return weekStart(from).add({ days: 7 + dow - 1 });
    if (which === 'this') {
      const inWeek = weekStart(from).add({ days: dow - 1 });
      return Temporal.PlainDate.compare(inWeek, from) >= 0 ? inWeek : onOrAfter(from, dow);
    }
    if (weekday[1] === 'before') return onOrAfter(from.add({ days: 1 }), dow).subtract({ days: 1 });
    return onOrAfter(from, dow);
  }
  if (/\bday after tomorrow\b/.test(s)) return from.add({ days: 2 });
  if (/\btomorrow\b/.test(s)) return from.add({ days: 1 });
  if (/\b(?:today|tonight|end of (?:the )?day|eod|close of business|cob)\b/.test(s)) return from;
  if ((match = new RegExp(`\\b(?:in|within)\\s+(?:the\\s+next\\s+)?(${COUNT})\\s+(business\\s+|working\\s+)?(days?|weeks?)\\b`).exec(s))) {
    const n = count(match[1]!);
    if (match[3]!.startsWith('week')) return from.add({ weeks: n });
    return match[2] ? addWorkingDays(from, n) : from.add({ days: n });
  }
  if (/\b(?:within|in)\s+(?:the|a)\s+week\b/.test(s)) return from.add({ days: 7 });
  if (/\b(?:next week|early next week)\b/.test(s)) return weekStart(from).add({ days: 7 + 4 });
  if (/\b(?:this week|later this week|end of (?:the |this )?week|eow)\b/.test(s)) {
    const friday = weekStart(from).add({ days: 4 });
    return Temporal.PlainDate.compare(friday, from) >= 0 ? friday : from;
  }
  if (/\bend of (?:the |this )?month\b/.test(s)) return from.with({ day: from.daysInMonth });
  if (/\bend of next month\b/.test(s)) {
    const next = from.add({ months: 1 });
    return next.with({ day: next.daysInMonth });
  }
  return null;
}

/** The imperative subject from the words after a trigger ("send us the proposal by Friday so …"). */
function subjectFrom(body: string): string | null {
  let subject = body;
  const end = SUBJECT_END.exec(subject);
  if (end) subject = subject.slice(0, end.index);
  for (const expression of TIME_EXPRESSIONS) subject = subject.replace(expression, '');
  subject = subject
    // "send us the MSA" is, for us, "send the MSA".
    .replace(new RegExp(`^((?:${VERBS}))\\s+(?:us|me)\\s+(?=\\S)`, 'i'), '$1 ')
    .replace(/[\s.,!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // One word is not a task anyone could act on ("Call", "Revised").
  if (subject.split(' ').length < 2) return null;
  return clip(subject.charAt(0).toUpperCase() + subject.slice(1), SUBJECT_MAX);
}

/** A sentence that starts with a verb and then an object, a particle or a name ("Send Marcus …"). */
function isImperative(text: string): boolean {
  const next = LEADING_VERB.exec(text)?.[1];
  if (!next) return false;
  return OBJECT_WORD.test(next.replace(/[^A-Za-z]/g, '')) || /^[A-Z][a-z]/.test(next);
}

const sameName = (speaker: string, owner: string | null) => {
  if (!owner) return false;
  const a = speaker.trim().toLowerCase();
  const b = owner.trim().toLowerCase();
  return a === b || a === b.split(/\s+/)[0] || a.split(/\s+/)[0] === b;
};

/** The words of a sentence that say what we are to do ("send us the proposal by Friday …"), or null. */
function commitment(sentence: Sentence, owner: string | null): string | null {
  const text = sentence.text;
  if (sentence.question && !/^(?:can|could|would) you\b/i.test(text)) return null;
  const ours = sentence.speaker === null || sameName(sentence.speaker, owner);
  let match: RegExpExecArray | null;
  if (sentence.speaker === null && (match = LABEL.exec(text))) return match[1]!;
  if ((match = REQUEST.exec(text))) return match[1]!;
  if ((match = POLITE.exec(text))) return match[1]!;
  if (isImperative(text)) return text;
  if (ours && (match = PROMISE.exec(text))) return match[1]!;
  return null;
}

/** Action items in a deal's notes, oldest note first, in the order they are written. */
export function findActionItems(input: DealEvidenceInput): ActionItem[] {
  const notes = [...input.notes].sort((a, b) => Temporal.Instant.compare(Temporal.Instant.from(a.createdTime), Temporal.Instant.from(b.createdTime)) || (a.id < b.id ? -1 : 1));
  const items: ActionItem[] = [];
  for (const note of notes) {
    if (isStagecoachNote(note)) continue;
    const from = noteDate(note, input.timeZone);
    const seen = new Set<string>();
    noteSentences(note).forEach((sentence, index) => {
      if (sentence.fromTitle) return;
      const body = commitment(sentence, note.ownerName);
      if (body === null) return;
      const subject = subjectFrom(body);
      if (!subject || seen.has(subject.toLowerCase())) return;
      seen.add(subject.toLowerCase());
      const urgent = URGENT.test(sentence.text);
      const due = resolveDue(sentence.text, from) ?? addWorkingDays(from, urgent ? 1 : DEFAULT_WORKING_DAYS);
      items.push({
        id: `${note.id}:${index}`,
        subject,
        dueDate: due.toString(),
        priority: urgent || BEFORE_MEETING.test(sentence.text) ? 'High' : 'Normal',
        sentence: clip(sentence.speaker ? `${sentence.speaker}: ${sentence.text}` : sentence.text, 500),
        noteId: note.id,
      });
    });
  }
  return items;
}
