// Zoho's search: `criteria` expressions, `email`, `phone` and `word`. Matching is fuzzy the way
// Zoho v8 is: `equals` behaves like a case-insensitive "contains" (phones compare digits only),
// so clients must confirm a hit themselves.
import type { ZohoRecord } from './seed';

export type Criteria =
  | { kind: 'condition'; field: string; operator: Operator; values: string[] }
  | { kind: 'and' | 'or'; left: Criteria; right: Criteria };

export const OPERATORS = ['equals', 'starts_with'] as const;
export type Operator = (typeof OPERATORS)[number];

export class CriteriaError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Parses `((Email:equals:a@b.c)or(Phone:equals:123))`. In values `\(`, `\)`, `\,` and `\\` are
 * literal; an unescaped comma separates alternatives (`Stage:equals:A,B` means A or B).
 */
export function parseCriteria(input: string): Criteria {
  let pos = 0;
  const peek = (): string | undefined => input[pos];
  const fail = (reason: string): never => {
    throw new CriteriaError(reason, { reason, position: pos });
  };
  const expect = (char: string): void => {
    if (input[pos] !== char) fail(`expected "${char}"`);
    pos += 1;
  };

  const expression = (): Criteria => {
    let left = term();
    for (;;) {
      const rest = input.slice(pos);
      const joiner = /^(and|or)(?=\()/i.exec(rest);
      if (!joiner) return left;
      pos += joiner[0].length;
      const kind = (joiner[1] as string).toLowerCase() as 'and' | 'or';
      left = { kind, left, right: term() };
    }
  };

  const term = (): Criteria => {
    expect('(');
    if (peek() === '(') {
      const inner = expression();
      expect(')');
      return inner;
    }
    const field = /^[A-Za-z0-9_$.]+/.exec(input.slice(pos))?.[0];
    if (!field) fail('field name expected');
    pos += (field as string).length;
    expect(':');
    const operator = /^[A-Za-z_]+/.exec(input.slice(pos))?.[0] ?? '';
    pos += operator.length;
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      throw new CriteriaError('invalid operator found', { reason: 'invalid operator found', api_name: field, operator });
    }
    expect(':');
    const values: string[] = [];
    let current = '';
    for (;;) {
      const char = input[pos];
      if (char === undefined) fail('unbalanced parentheses');
      if (char === '\\') {
        const next = input[pos + 1];
        if (next === undefined) fail('dangling escape');
        current += next;
        pos += 2;
        continue;
      }
      if (char === ')') break;
      if (char === '(') fail('unescaped "(" in value');
      if (char === ',') {
        values.push(current);
        current = '';
      } else {
        current += char;
      }
      pos += 1;
    }
    values.push(current);
    expect(')');
    if (values.some((value) => value.trim() === '')) fail('empty value');
    return { kind: 'condition', field: field as string, operator: operator as Operator, values };
  };

  const result = expression();
  if (pos !== input.length) fail('unexpected text after the expression');
  return result;
}

export function criteriaFields(criteria: Criteria): string[] {
  return criteria.kind === 'condition' ? [criteria.field] : [...criteriaFields(criteria.left), ...criteriaFields(criteria.right)];
}

/** A field's searchable text: lookups (`{id, name}`) match on their name. */
function fieldText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'name' in value && typeof (value as { name: unknown }).name === 'string') {
    return (value as { name: string }).name;
  }
  return null;
}

const digits = (value: string): string => value.replace(/\D/g, '');

export function fuzzyMatch(value: unknown, query: string, operator: Operator, phone: boolean): boolean {
  const text = fieldText(value);
  if (text === null) return false;
  let haystack = text.toLowerCase();
  let needle = query.trim().toLowerCase();
  if (phone) {
    haystack = digits(haystack);
    needle = digits(needle);
    if (!needle) return false;
  }
  return operator === 'starts_with' ? haystack.startsWith(needle) : haystack.includes(needle);
}

export function matchesCriteria(record: ZohoRecord, criteria: Criteria, phoneFields: readonly string[]): boolean {
  if (criteria.kind !== 'condition') {
    const left = matchesCriteria(record, criteria.left, phoneFields);
    const right = matchesCriteria(record, criteria.right, phoneFields);
    return criteria.kind === 'and' ? left && right : left || right;
  }
  const isPhone = phoneFields.includes(criteria.field);
  const value = criteria.field === 'id' ? record.id : record[criteria.field];
  return criteria.values.some((query) => fuzzyMatch(value, query, criteria.operator, isPhone));
}

// System fields are not what a user means by a word search (every record has an owner).
const NOT_WORD_SEARCHED = new Set(['Owner', 'Created_By', 'Modified_By', 'Created_Time', 'Modified_Time', 'Tag']);

/** `word=`: any text field contains the word. */
export function matchesWord(record: ZohoRecord, word: string): boolean {
  const needle = word.trim().toLowerCase();
  if (!needle) return false;
  return Object.entries(record).some(([key, value]) => {
    if (key === 'id' || key.startsWith('$') || NOT_WORD_SEARCHED.has(key)) return false;
    const text = fieldText(value);
    return text !== null && text.toLowerCase().includes(needle);
  });
}

/**
 * Zoho's search runs on an index that is filled after the write: a record created moments ago is
 * not found yet (answer 204), while a GET by id or COQL already sees it. UNCONFIRMED: how long
 * the lag is on real Zoho (seconds, sometimes more); `searchIndexLagSeconds` in the config.
 */
export function indexedBy(record: ZohoRecord, now: number, lagSeconds: number): boolean {
  const created = Date.parse(String(record.Created_Time ?? ''));
  return Number.isNaN(created) || created + lagSeconds * 1000 <= now;
}

/**
 * Values Zoho's `email` / `phone` search refuses with INVALID_DATA. Zoho's docs only say that in
 * `criteria` values `(`, `)` and `,` must be escaped with a backslash and `+` and `:` URL-encoded
 * (help.zoho.com Kaizen #30 and #82, "Parameters in Search Records API" / "Encoding"), and issue 10
 * reports INVALID_DATA for "some special characters". UNCONFIRMED: which, for `email` and `phone`;
 * here, strictly, an email search accepts letters, digits, `.`, `_`, `-` and one `@` (so a `+` or a
 * quote is refused), a phone search digits, spaces, `.`, `-` and a leading `+` (so parentheses or a
 * comma are refused). A client must cope with a refusal whatever the set.
 */
export function searchValueProblem(param: 'email' | 'phone', value: string): boolean {
  const trimmed = value.trim();
  if (param === 'email') return !/^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+$/.test(trimmed);
  return !/^\+?[0-9 .-]+$/.test(trimmed);
}
