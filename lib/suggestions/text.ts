// Note text as the phrase tables read it: Stagecoach's own notes left out, rich-text HTML reduced
// to plain text, transcripts read line by line with their speaker, sentences split, and the test
// that tells "budget approved" from "no budget approved yet" or "if the budget is approved".
// Hand-written: the phrase packs are few (en, es, de, fr, pt), an NLP library would be megabytes in
// the panel bundle for the same negation window, and language detectors trained on many languages
// (franc, cld) guess poorly on a two-line note; a stop-word count over our five languages is ~2 KB
// and is right on the corpus's notes (text.test.ts).
import type { NoteFacts } from './types';

export interface Sentence {
  /** As written (trimmed, one line), for display. */
  text: string;
  /** Lower case, straight quotes, single spaces: what the phrase tables match. */
  norm: string;
  /** Who said it, for transcript lines (`[00:02:14] Ann Carter: …`). */
  speaker: string | null;
  /** Ends with a question mark: a question is not a fact. */
  question: boolean;
  /** Came from the note's title, not its content. */
  fromTitle: boolean;
}

/**
 * Notes Stagecoach wrote itself (audit notes of approvals, rejections): their content carries the
 * outbox's idempotency marker on a line of its own (`stagecoach:<key>`), and their titles start
 * with "Stagecoach". Reading them back as evidence would make every approval evidence for itself.
 */
export function isStagecoachNote(note: Pick<NoteFacts, 'title' | 'content'>): boolean {
  if (note.title && /^\s*stagecoach\b/i.test(note.title)) return true;
  return /^[ \t]*stagecoach:/im.test(note.content);
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘', ldquo: '“', rdquo: '”', hellip: '…' };

/** Zoho keeps notes written in its rich editor as HTML: block ends become line breaks, tags go. */
export function plainText(content: string): string {
  if (!/[<&]/.test(content)) return content;
  return content
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(?:p|div|li|h[1-6]|tr|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
      if (lower.startsWith('#') && lower !== '#39') return String.fromCodePoint(Number(lower.slice(1)));
      return ENTITIES[lower] ?? whole;
    });
}

/**
 * Lower case, accents folded ("cotización" → "cotizacion", "Prüfung" → "prufung": reps often leave
 * them out, and patterns need not spell both), curly quotes straightened, whitespace collapsed.
 */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `[00:02:14] Ann Carter: text` (hours optional); the speaker's name stops at the first colon. */
const TRANSCRIPT_LINE = /^\s*\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?\]\s*([^:[\]]{1,80}?)\s*:\s*(.*)$/;
/** List markers at the start of a line. */
const BULLET = /^\s*(?:[-*•·▪–]|\d{1,2}[.)])\s+/;
/** Words ending in a full stop that do not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'prof', 'vs', 'id', 'approx', 'no', 'st', 'inc', 'ltd', 'co', 'corp', 'etc', 'jr', 'sr', 'dept', 'est', 'fig', 'u.s', 'u.k', 'a.m', 'p.m']);

/** Splits one line into sentences at . ! ? followed by a space and a capital, digit, quote or currency. */
export function splitSentences(line: string): string[] {
  const out: string[] = [];
  const boundary = /([.!?]+)(["')\]]*)\s+(?=["'“‘(\[]?[A-Z0-9₹$£€])/g;
  let start = 0;
  for (let match = boundary.exec(line); match; match = boundary.exec(line)) {
    const end = match.index + match[1]!.length + match[2]!.length;
    if (match[1] === '.') {
      const before = line.slice(start, match.index);
      const word = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? '';
      // An abbreviation or an initial ("J. Smith") does not end the sentence.
      if (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word)) continue;
    }
    const sentence = line.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = match.index + match[0].length;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

function sentence(text: string, speaker: string | null, fromTitle: boolean): Sentence {
  const trimmed = text.trim();
  return { text: trimmed, norm: normalize(trimmed), speaker, question: /\?["')\]]*$/.test(trimmed), fromTitle };
}

/** The note's content (and then its title) as sentences, transcript speakers kept. */
export function noteSentences(note: Pick<NoteFacts, 'title' | 'content'>): Sentence[] {
  const out: Sentence[] = [];
  for (const rawLine of plainText(note.content).split(/\r?\n/)) {
    const transcript = TRANSCRIPT_LINE.exec(rawLine);
    const speaker = transcript ? transcript[1]!.trim() : null;
    const line = (transcript ? transcript[2]! : rawLine).replace(BULLET, '').trim();
    if (!line) continue;
    for (const text of splitSentences(line)) out.push(sentence(text, speaker, false));
  }
  if (note.title?.trim()) out.push(sentence(note.title, null, true));
  return out;
}

/** At most `max` characters, cut at a word where possible. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

// ---- Negation and hedges -------------------------------------------------------------------------
// A phrase is read in the clause it sits in: from the last clause boundary before it (comma, dash,
// "and", "but", …) up to the phrase, at most WINDOW_WORDS words. A negation cue there (or inside
// the phrase itself, "budget was not approved") cancels it; so does "not yet"/"pending" right after.
// Each language has its own cues (the packs in phrases.ts carry them); these are English's.

const WINDOW_WORDS = 7;

/** What cancels a phrase in one language (patterns over normalized text, accents folded). */
export interface Cues {
  /** Clause boundaries: the window stops at the last one before the phrase. */
  boundary: RegExp;
  negation: RegExp;
  /** Phrases with a negation word that do not negate what follows ("no doubt"). */
  pseudoNegation: RegExp;
  /** Right after the phrase: "approved – not yet", "pending". */
  afterNegation: RegExp;
  /** Conditions: "if the budget is approved" is not a budget approved. */
  conditional: RegExp;
  /** Intentions and possibilities: "we will send the proposal" is not a proposal sent. */
  modal: RegExp;
  /**
   * The sentence is about another deal or customer ("her deal closed won", "a case study from …
   * they signed in January"): nothing in it is evidence for this deal.
   */
  otherParty: RegExp;
}

export const ENGLISH_CUES: Cues = {
  boundary: /[,;:–—()[\]"]|\s-\s|\b(?:and|but|however|although|though|whereas|while|then|so|because|except|until)\b/g,
  negation: /\b(?:no|not|never|none|nobody|nothing|neither|nor|without|cannot|yet to|unable to|fail(?:s|ed)? to|lack of|instead of|rather than|hardly|barely)\b|n't\b/,
  pseudoNegation: /\b(?:no doubt|not only|not just|no problems?|no issues?|no objections?|no questions?|no surprise|nothing but)\b/g,
  afterNegation: /^[\s,:–—-]*(?:not yet|yet to be|still pending|pending|tbd|to be confirmed|outstanding|unclear|unknown|not)\b/,
  conditional: /\b(?:if|unless|whether|once|assuming|in case|provided|when|might consider)\b/,
  modal: /\b(?:will|would|could|might|should|must|shall|hope|hoping|hopefully|expects? to|expecting|plans? to|planning to|plan is to|wants? to|going to|need to|needs to|has to|have to|about to|probably|maybe|perhaps|likely to)\b|'ll\b/,
  otherParty: /\b(?:(?:her|his|their|another|other|a colleague's|colleague's)\s+deal|our\s+[a-z0-9&.-]+(?:\s+[a-z0-9&.-]+)?\s+(?:deal|account)|case study|reference (?:call|customer|account)|on the [a-z0-9&.-]+(?:\s+[a-z0-9&.-]+)? account|another customer|other customers?)\b/,
};

/** The clause before `index` (from its last boundary), at most WINDOW_WORDS words. */
export function clauseBefore(norm: string, index: number, cues: Cues = ENGLISH_CUES): string {
  const before = norm.slice(0, index);
  let from = 0;
  const boundary = cues.boundary;
  boundary.lastIndex = 0;
  for (let match = boundary.exec(before); match; match = boundary.exec(before)) from = match.index + match[0].length;
  const words = before.slice(from).trim().split(' ').filter(Boolean);
  return words.slice(-WINDOW_WORDS).join(' ');
}

export function isNegated(norm: string, index: number, end: number, cues: Cues = ENGLISH_CUES): boolean {
  const window = `${clauseBefore(norm, index, cues)} ${norm.slice(index, end)}`.replace(cues.pseudoNegation, ' ');
  return cues.negation.test(window) || cues.afterNegation.test(norm.slice(end, end + 30));
}

export function isConditional(norm: string, index: number, cues: Cues = ENGLISH_CUES): boolean {
  return cues.conditional.test(clauseBefore(norm, index, cues));
}

export function isModal(norm: string, index: number, cues: Cues = ENGLISH_CUES): boolean {
  return cues.modal.test(clauseBefore(norm, index, cues));
}

// ---- Language ------------------------------------------------------------------------------------

export type Language = 'en' | 'es' | 'de' | 'fr' | 'pt';

/** Frequent short words that tell our five languages apart (shared ones count for each). */
const STOP_WORDS: Readonly<Record<Language, readonly string[]>> = {
  en: ['the', 'and', 'to', 'of', 'is', 'was', 'we', 'they', 'with', 'for', 'not', 'on', 'have', 'has', 'this', 'that', 'it', 'our', 'their', 'will', 'are', 'from', 'but', 'by', 'at', 'after', 'still', 'been', 'yet', 'them'],
  es: ['el', 'la', 'los', 'las', 'de', 'que', 'y', 'en', 'un', 'una', 'por', 'con', 'para', 'es', 'no', 'se', 'del', 'al', 'nos', 'su', 'esta', 'ya', 'pero', 'fue', 'hay', 'muy', 'sus', 'como', 'todavia', 'tienen', 'quien'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'fur', 'ein', 'eine', 'den', 'dem', 'zu', 'auf', 'wir', 'sie', 'noch', 'im', 'bei', 'wurde', 'hat', 'es', 'von', 'des', 'kein', 'keine', 'liegt', 'sich', 'auch', 'nach', 'leider'],
  fr: ['le', 'la', 'les', 'de', 'des', 'et', 'est', 'un', 'une', 'pour', 'pas', 'avec', 'sur', 'au', 'du', 'nous', 'ils', 'en', 'qui', 'que', 'leur', 'ce', 'a', 'ont', 'sont', 'aux', 'tres', 'par', 'chez', 'encore', 'client'],
  pt: ['o', 'a', 'os', 'as', 'de', 'do', 'da', 'e', 'um', 'uma', 'para', 'com', 'nao', 'que', 'em', 'no', 'na', 'dos', 'das', 'foi', 'pelo', 'pela', 'ele', 'eles', 'nos', 'ao', 'mais', 'esta', 'ainda', 'cliente', 'temos'],
};
/** Letters only one or two of them use. */
const LETTER_HINTS: ReadonlyArray<[RegExp, Language, number]> = [
  [/[ñ¿¡]/, 'es', 3],
  [/[ãõ]/, 'pt', 3],
  [/ç/, 'pt', 1],
  [/ç/, 'fr', 1],
  [/[äöüß]/, 'de', 3],
  [/[èêàùœ]|\b(?:l|d|qu|n|j|c)'/, 'fr', 2],
];
const STOP_SETS = Object.fromEntries(Object.entries(STOP_WORDS).map(([language, words]) => [language, new Set(words)])) as Record<Language, Set<string>>;

/** The language of a note's text (one of our five; English when nothing tells). */
export function detectLanguage(text: string): Language {
  const lower = text.toLowerCase();
  const words = normalize(text).split(/[^a-z']+/).filter(Boolean);
  const scores: Record<Language, number> = { en: 0, es: 0, de: 0, fr: 0, pt: 0 };
  for (const word of words) for (const language of Object.keys(scores) as Language[]) if (STOP_SETS[language].has(word)) scores[language] += 1;
  for (const [pattern, language, weight] of LETTER_HINTS) if (pattern.test(lower)) scores[language] += weight;
  let best: Language = 'en';
  for (const language of Object.keys(scores) as Language[]) if (scores[language] > scores[best]) best = language;
  return best;
}

/** Edit distance, for "did you mean" (small strings only). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The closest of `options` to `value`, if it is close enough to be a typo. */
export function closest(value: string, options: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const lower = value.toLowerCase();
  for (const option of options) {
    const distance = editDistance(lower, option.toLowerCase());
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : null;
}
