// COQL, the subset the sandbox serves: a tokenizer and a recursive-descent parser (no eval), then
// column checks against fields.ts and evaluation over the store.
//
//   query     := SELECT column {',' column} FROM module [WHERE criteria]
//                [ORDER BY column [ASC|DESC] {',' ...}] [LIMIT n [(',' m) | OFFSET m]] [';']
//   criteria  := group [(AND | OR) group]          -- Zoho: at most two per group, so
//   group     := '(' criteria ')' | condition       -- "a and b and c" is a syntax error
//   condition := column op value | column [NOT] LIKE string | column [NOT] IN '(' value {',' value} ')'
//              | column BETWEEN value AND value | column IS [NOT] NULL
//   column    := name {'.' name}                   -- Owner.email, Account_Name.Account_Name
//
// `LIMIT a, b` is MySQL's form: offset a, count b. WHERE is mandatory (Zoho refuses queries
// without it). Strings are single-quoted ('' escapes a quote); keywords are case-insensitive.
import { fieldDef, FIELDS, NOTE_PARENT_MODULES, USER_FIELDS, WHAT_MODULES, type FieldDef } from './fields';
import type { ZohoRecord, ZohoUserJson } from './seed';
import { moduleByApiName, type ModuleDef, type Store } from './store';
import { isIsoDateTime } from './time';
import { LIMITS } from './zoho';

// ---- errors -----------------------------------------------------------------------------------

export type CoqlErrorCode = 'SYNTAX_ERROR' | 'INVALID_QUERY' | 'LIMIT_EXCEEDED' | 'DUPLICATE_DATA';

export class CoqlError extends Error {
  constructor(
    readonly code: CoqlErrorCode,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const COQL_MESSAGES = {
  syntax: 'invalid query formed',
  column: 'column given seems to be invalid',
  value: 'value given seems to be invalid for the column',
  dataType: 'data type not supported',
  invalid: 'invalid query formed',
  limit: 'limit exceeded',
  duplicate: 'duplicate data',
} as const;

// ---- tokens -----------------------------------------------------------------------------------

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'op' | 'punct' | 'end';

interface Token {
  kind: TokenKind;
  /** Words keep their spelling; strings their unescaped content. */
  text: string;
  line: number;
  column: number;
}

const KEYWORDS = new Set(['select', 'from', 'where', 'and', 'or', 'not', 'like', 'in', 'between', 'is', 'null', 'order', 'by', 'asc', 'desc', 'limit', 'offset', 'true', 'false']);

function syntaxError(token: Token): never {
  throw new CoqlError('SYNTAX_ERROR', COQL_MESSAGES.syntax, {
    line: token.line,
    column: token.column,
    near: token.kind === 'end' ? '' : token.text,
  });
}

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): { line: number; column: number } => ({ line, column: pos - lineStart + 1 });
  while (pos < input.length) {
    const char = input[pos] as string;
    if (char === '\n') {
      pos += 1;
      line += 1;
      lineStart = pos;
      continue;
    }
    if (/\s/.test(char)) {
      pos += 1;
      continue;
    }
    const start = here();
    if (/[A-Za-z_$]/.test(char)) {
      const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(input.slice(pos))?.[0] as string;
      tokens.push({ kind: 'word', text: word, ...start });
      pos += word.length;
      continue;
    }
    if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(input[pos + 1] ?? ''))) {
      const number = /^-?\d+(?:\.\d+)?/.exec(input.slice(pos))?.[0] as string;
      tokens.push({ kind: 'number', text: number, ...start });
      pos += number.length;
      continue;
    }
    if (char === "'" || char === '"') {
      // '' (or "") inside a literal is one quote character.
      let text = '';
      let end = pos + 1;
      for (;;) {
        const next = input[end];
        if (next === undefined) syntaxError({ kind: 'punct', text: input.slice(pos, pos + 20), ...start });
        if (next === char) {
          if (input[end + 1] === char) {
            text += char;
            end += 2;
            continue;
          }
          break;
        }
        if (next === '\n') {
          line += 1;
          lineStart = end + 1;
        }
        text += next;
        end += 1;
      }
      // Double quotes name columns (reserved words); single quotes are values.
      tokens.push({ kind: char === '"' ? 'quoted' : 'string', text, ...start });
      pos = end + 1;
      continue;
    }
    const two = input.slice(pos, pos + 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two === '<>' ? '!=' : two, ...start });
      pos += 2;
      continue;
    }
    if (char === '=' || char === '<' || char === '>') {
      tokens.push({ kind: 'op', text: char, ...start });
      pos += 1;
      continue;
    }
    if (char === '(' || char === ')' || char === ',' || char === '.' || char === ';' || char === '*') {
      tokens.push({ kind: 'punct', text: char, ...start });
      pos += 1;
      continue;
    }
    syntaxError({ kind: 'punct', text: char, ...start });
  }
  tokens.push({ kind: 'end', text: '', ...here() });
  return tokens;
}

// ---- syntax tree ------------------------------------------------------------------------------

export interface Column {
  path: string[];
  token: Token;
}

// Numbers keep their text: a 19-digit record id does not survive a trip through a double.
export type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number; text: string } | { kind: 'boolean'; value: boolean } | { kind: 'null' };

export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'compare'; column: Column; op: Comparator; value: Literal }
  | { kind: 'like'; column: Column; negated: boolean; pattern: string }
  | { kind: 'in'; column: Column; negated: boolean; values: Literal[] }
  | { kind: 'between'; column: Column; low: Literal; high: Literal }
  | { kind: 'null'; column: Column; negated: boolean }
  | { kind: 'and' | 'or'; left: Condition; right: Condition };

export interface Query {
  columns: Column[];
  module: string;
  moduleToken: Token;
  where: Condition | null;
  orderBy: Array<{ column: Column; descending: boolean }>;
  limit: number;
  offset: number;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.pos += 1;
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private keyword(word: string): Token {
    if (!this.isKeyword(word)) syntaxError(this.peek());
    return this.next();
  }

  private punct(char: string): boolean {
    const token = this.peek();
    if (token.kind === 'punct' && token.text === char) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  private expectPunct(char: string): void {
    if (!this.punct(char)) syntaxError(this.peek());
  }

  private name(): Token {
    const token = this.peek();
    // Reserved words must be double-quoted to be used as names (Zoho's rule).
    if (token.kind === 'quoted' || (token.kind === 'word' && !KEYWORDS.has(token.text.toLowerCase()))) return this.next();
    syntaxError(token);
  }

  private column(): Column {
    const first = this.name();
    const path = [first.text];
    while (this.punct('.')) path.push(this.name().text);
    return { path, token: first };
  }

  private literal(): Literal {
    const token = this.next();
    if (token.kind === 'string') return { kind: 'string', value: token.text };
    if (token.kind === 'number') return { kind: 'number', value: Number(token.text), text: token.text };
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
      if (word === 'null') return { kind: 'null' };
    }
    syntaxError(token);
  }

  private integer(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) syntaxError(token);
    return Number(token.text);
  }

  parse(): Query {
    this.keyword('select');
    if (this.peek().kind === 'punct' && this.peek().text === '*') syntaxError(this.peek());
    const columns = [this.column()];
    while (this.punct(',')) columns.push(this.column());
    this.keyword('from');
    const moduleToken = this.name();
    if (!this.isKeyword('where')) {
      if (this.peek().kind === 'end' || this.isKeyword('order') || this.isKeyword('limit') || (this.peek().kind === 'punct' && this.peek().text === ';')) {
        // UNCONFIRMED: Zoho's details for the missing clause.
        throw new CoqlError('SYNTAX_ERROR', COQL_MESSAGES.syntax, { clause: 'where' });
      }
      syntaxError(this.peek());
    }
    this.next();
    const where = this.criteria();
    const orderBy: Query['orderBy'] = [];
    if (this.isKeyword('order')) {
      this.next();
      this.keyword('by');
      do {
        const column = this.column();
        let descending = false;
        if (this.isKeyword('asc')) this.next();
        else if (this.isKeyword('desc')) {
          this.next();
          descending = true;
        }
        orderBy.push({ column, descending });
      } while (this.punct(','));
    }
    let limit: number = LIMITS.coqlDefaultLimit;
    let offset = 0;
    if (this.isKeyword('limit')) {
      this.next();
      const first = this.integer();
      if (this.punct(',')) {
        offset = first;
        limit = this.integer();
      } else {
        limit = first;
        if (this.isKeyword('offset')) {
          this.next();
          offset = this.integer();
        }
      }
    } else if (this.isKeyword('offset')) {
      this.next();
      offset = this.integer();
    }
    this.punct(';');
    if (this.peek().kind !== 'end') syntaxError(this.peek());
    return { columns, module: moduleToken.text, moduleToken, where, orderBy, limit, offset };
  }

  private criteria(): Condition {
    const left = this.group();
    if (this.isKeyword('and') || this.isKeyword('or')) {
      const kind = this.next().text.toLowerCase() as 'and' | 'or';
      const right = this.group();
      // A third criterion without brackets is ambiguous; Zoho refuses it.
      if (this.isKeyword('and') || this.isKeyword('or')) syntaxError(this.peek());
      return { kind, left, right };
    }
    return left;
  }

  private group(): Condition {
    if (this.punct('(')) {
      const inner = this.criteria();
      this.expectPunct(')');
      return inner;
    }
    return this.condition();
  }

  private condition(): Condition {
    const column = this.column();
    const token = this.peek();
    if (token.kind === 'op') {
      this.next();
      return { kind: 'compare', column, op: token.text as Comparator, value: this.literal() };
    }
    let negated = false;
    if (this.isKeyword('not')) {
      this.next();
      negated = true;
      if (!this.isKeyword('like') && !this.isKeyword('in')) syntaxError(this.peek());
    }
    if (this.isKeyword('like')) {
      this.next();
      const pattern = this.next();
      if (pattern.kind !== 'string') syntaxError(pattern);
      return { kind: 'like', column, negated, pattern: pattern.text };
    }
    if (this.isKeyword('in')) {
      this.next();
      this.expectPunct('(');
      const values = [this.literal()];
      while (this.punct(',')) values.push(this.literal());
      this.expectPunct(')');
      return { kind: 'in', column, negated, values };
    }
    if (this.isKeyword('between')) {
      this.next();
      const low = this.literal();
      this.keyword('and');
      return { kind: 'between', column, low, high: this.literal() };
    }
    if (this.isKeyword('is')) {
      this.next();
      let isNot = false;
      if (this.isKeyword('not')) {
        this.next();
        isNot = true;
      }
      this.keyword('null');
      return { kind: 'null', column, negated: isNot };
    }
    syntaxError(token);
  }
}

export function parseCoql(input: string): Query {
  return new Parser(tokenize(input)).parse();
}

// ---- columns ----------------------------------------------------------------------------------

/** What a column path ends at: a field of some module, or a user field. */
type Resolved = { kind: 'field'; def: FieldDef; name: string } | { kind: 'userField'; name: string };

/** Modules a lookup-like field can point at. */
function targetsOf(def: FieldDef): string[] | 'user' {
  switch (def.type) {
    case 'lookup':
      return [def.lookup ?? ''];
    case 'user':
      return 'user';
    case 'what':
      return [...WHAT_MODULES];
    case 'parent':
      return [...NOTE_PARENT_MODULES];
    default:
      return [];
  }
}

function columnError(column: Column, clause: string): CoqlError {
  return new CoqlError('INVALID_QUERY', COQL_MESSAGES.column, { column_name: column.path.join('.'), clause });
}

/** Checks a column against the module's fields; the type of what it names. */
export function resolveColumn(module: string, column: Column, clause: string): Resolved {
  let modules: string[] = [module];
  for (let i = 0; i < column.path.length; i++) {
    const name = column.path[i] as string;
    const last = i === column.path.length - 1;
    const def = modules.map((m) => fieldDef(m, name)).find(Boolean);
    if (!def) throw columnError(column, clause);
    if (def.writeOnly) throw columnError(column, clause);
    if (last) return { kind: 'field', def, name };
    const targets = targetsOf(def);
    if (targets === 'user') {
      const userField = column.path[i + 1] as string;
      if (i + 2 !== column.path.length || !(USER_FIELDS as readonly string[]).includes(userField)) throw columnError(column, clause);
      return { kind: 'userField', name: userField };
    }
    if (targets.length === 0) throw columnError(column, clause);
    // `Lookup.id` is the lookup itself.
    if (i + 2 === column.path.length && column.path[i + 1] === 'id') return { kind: 'field', def, name };
    modules = targets;
  }
  throw columnError(column, clause);
}

/** The value at a column path for one record: lookups hop to their record (or user). */
function valueAt(store: Store, module: string, record: ZohoRecord, path: string[]): unknown {
  let current: Record<string, unknown> | undefined = record;
  let currentModule = module;
  for (let i = 0; i < path.length; i++) {
    if (!current) return null;
    const name = path[i] as string;
    const value = name === 'id' ? current.id : current[name];
    if (i === path.length - 1) return value ?? null;
    const def = fieldDef(currentModule, name);
    if (!def || value === null || value === undefined) return null;
    const id = (value as { id?: unknown }).id;
    if (typeof id !== 'string') return null;
    if (path[i + 1] === 'id' && i + 2 === path.length) return id;
    if (def.type === 'user') {
      const user = store.user(id);
      return user ? (user[path[i + 1] as string] ?? null) : null;
    }
    const target =
      def.type === 'lookup' ? def.lookup : def.type === 'what' ? current.$se_module : def.type === 'parent' ? (value as { module?: { api_name?: string } }).module?.api_name : undefined;
    if (typeof target !== 'string') return null;
    current = store.get(target, id);
    currentModule = target;
  }
  return null;
}

// ---- evaluation -------------------------------------------------------------------------------

type Kind = 'text' | 'number' | 'datetime' | 'date' | 'boolean' | 'id';

function kindOf(resolved: Resolved): Kind {
  if (resolved.kind === 'userField') return resolved.name === 'id' ? 'id' : 'text';
  switch (resolved.def.type) {
    case 'integer':
    case 'currency':
      return 'number';
    case 'datetime':
      return 'datetime';
    case 'date':
      return 'date';
    case 'boolean':
      return 'boolean';
    case 'id':
    case 'lookup':
    case 'user':
    case 'what':
    case 'parent':
      return 'id';
    default:
      return 'text';
  }
}

/** A field value as something comparable: ids for lookups, epoch ms for datetimes. */
function comparable(value: unknown, kind: Kind): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  switch (kind) {
    case 'id':
      if (typeof value === 'object') return typeof (value as { id?: unknown }).id === 'string' ? ((value as { id: string }).id) : null;
      return String(value);
    case 'datetime':
      return typeof value === 'string' ? Date.parse(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return typeof value === 'string' ? value.toLowerCase() : typeof value === 'number' ? String(value) : null;
  }
}

/** A literal as the column's kind; INVALID_QUERY when it cannot be one. */
function literalFor(literal: Literal, kind: Kind, column: Column): string | number | boolean | null {
  const bad = (): never => {
    throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.value, { column_name: column.path.join('.'), expected_data_type: kind === 'id' ? 'bigint' : kind });
  };
  if (literal.kind === 'null') return null;
  switch (kind) {
    case 'id': {
      const text = literal.kind === 'boolean' ? bad() : literal.kind === 'number' ? literal.text : literal.value;
      return /^\d+$/.test(text) ? text : bad();
    }
    case 'number': {
      const number = literal.kind === 'number' ? literal.value : literal.kind === 'string' && /^-?\d+(\.\d+)?$/.test(literal.value) ? Number(literal.value) : bad();
      return number;
    }
    case 'datetime':
      // Datetimes compare as instants, so any offset works.
      return literal.kind === 'string' && isIsoDateTime(literal.value) ? Date.parse(literal.value) : bad();
    case 'date':
      return literal.kind === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(literal.value) ? literal.value : bad();
    case 'boolean':
      if (literal.kind === 'boolean') return literal.value;
      if (literal.kind === 'string' && /^(true|false)$/i.test(literal.value)) return literal.value.toLowerCase() === 'true';
      return bad();
    default:
      return literal.kind === 'boolean' ? bad() : literal.kind === 'number' ? literal.text : literal.value.toLowerCase();
  }
}

function compareValues(a: string | number | boolean, b: string | number | boolean, kind: Kind): number {
  if (kind === 'id') {
    const x = BigInt(a as string);
    const y = BigInt(b as string);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function likeToRegExp(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

export interface CoqlOptions {
  /** Refuse multi-line fields in criteria, as Zoho's COQL limitations page says. */
  refuseTextareaCriteria: boolean;
}

type Predicate = (record: ZohoRecord) => boolean;

function compile(store: Store, module: string, condition: Condition, options: CoqlOptions, counter: { criteria: number }): Predicate {
  if (condition.kind === 'and' || condition.kind === 'or') {
    const left = compile(store, module, condition.left, options, counter);
    const right = compile(store, module, condition.right, options, counter);
    return condition.kind === 'and' ? (r) => left(r) && right(r) : (r) => left(r) || right(r);
  }
  counter.criteria += 1;
  return leaf(store, module, condition as Leaf, options);
}

type Leaf = Exclude<Condition, { kind: 'and' | 'or' }>;

function leaf(store: Store, module: string, condition: Leaf, options: CoqlOptions): Predicate {
  const { column } = condition;
  const resolved = resolveColumn(module, column, 'where');
  if (resolved.kind === 'field') {
    const type = resolved.def.type;
    if (type === 'participants' || type === 'json' || type === 'system') {
      throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.dataType, { column_name: column.path.join('.'), clause: 'where' });
    }
    if (type === 'textarea' && options.refuseTextareaCriteria) {
      throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.dataType, { column_name: column.path.join('.'), clause: 'where', data_type: 'textarea' });
    }
  }
  const kind = kindOf(resolved);
  const read = (record: ZohoRecord) => comparable(valueAt(store, module, record, column.path), kind);
  switch (condition.kind) {
    case 'compare': {
      const target = literalFor(condition.value, kind, column);
      if (target === null) {
        // `= null` is not SQL; Zoho wants `is null`.
        throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.value, { column_name: column.path.join('.') });
      }
      const op = condition.op;
      if (kind === 'boolean' && op !== '=' && op !== '!=') {
        throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.invalid, { column_name: column.path.join('.'), operator: op });
      }
      return (record) => {
        const value = read(record);
        if (value === null) return false;
        const order = compareValues(value, target, kind);
        switch (op) {
          case '=':
            return order === 0;
          case '!=':
            return order !== 0;
          case '<':
            return order < 0;
          case '<=':
            return order <= 0;
          case '>':
            return order > 0;
          case '>=':
            return order >= 0;
        }
      };
    }
    case 'like': {
      if (kind !== 'text') throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.invalid, { column_name: column.path.join('.'), operator: 'like' });
      const regexp = likeToRegExp(condition.pattern);
      return (record) => {
        const value = read(record);
        if (value === null) return false;
        return regexp.test(String(value)) !== condition.negated;
      };
    }
    case 'in': {
      if (condition.values.length > LIMITS.coqlMaxInValues) {
        throw new CoqlError('LIMIT_EXCEEDED', COQL_MESSAGES.limit, { operator: 'in', limit: LIMITS.coqlMaxInValues });
      }
      const targets = condition.values.map((literal) => literalFor(literal, kind, column)).filter((v): v is string | number | boolean => v !== null);
      return (record) => {
        const value = read(record);
        if (value === null) return false;
        return targets.some((target) => compareValues(value, target, kind) === 0) !== condition.negated;
      };
    }
    case 'between': {
      const low = literalFor(condition.low, kind, column);
      const high = literalFor(condition.high, kind, column);
      if (low === null || high === null) throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.value, { column_name: column.path.join('.') });
      return (record) => {
        const value = read(record);
        return value !== null && compareValues(value, low, kind) >= 0 && compareValues(value, high, kind) <= 0;
      };
    }
    case 'null':
      return (record) => {
        const raw = valueAt(store, module, record, column.path);
        const empty = raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0);
        return empty !== condition.negated;
      };
  }
}

export interface CoqlResult {
  module: ModuleDef;
  rows: ZohoRecord[];
  moreRecords: boolean;
  limit: number;
}

/**
 * Runs a parsed query. Lookups come back as `{id}` only and dotted columns as flat keys
 * (`"Owner.email": "…"`), as Zoho's COQL answers; `id` is always included.
 */
export function runCoql(store: Store, query: Query, options: CoqlOptions): CoqlResult {
  const module = moduleByApiName(query.module);
  if (!module || !FIELDS[module.apiName]) {
    throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.invalid, { module: query.module, reason: 'the module name given seems to be invalid' });
  }
  if (query.columns.length > LIMITS.coqlMaxColumns) {
    throw new CoqlError('LIMIT_EXCEEDED', COQL_MESSAGES.limit, { clause: 'select', limit: LIMITS.coqlMaxColumns });
  }
  if (query.limit < 1 || query.limit > LIMITS.coqlMaxLimit) {
    throw new CoqlError('LIMIT_EXCEEDED', COQL_MESSAGES.limit, { clause: 'limit', limit: LIMITS.coqlMaxLimit });
  }
  if (query.offset + query.limit > LIMITS.coqlMaxRows) {
    throw new CoqlError('LIMIT_EXCEEDED', COQL_MESSAGES.limit, { clause: 'offset', limit: LIMITS.coqlMaxRows });
  }
  const selected = query.columns.map((column) => {
    const resolved = resolveColumn(module.apiName, column, 'select');
    if (resolved.kind === 'field' && resolved.def.type === 'participants') {
      throw new CoqlError('INVALID_QUERY', COQL_MESSAGES.dataType, { column_name: column.path.join('.'), clause: 'select' });
    }
    return { column, resolved };
  });
  const keys = selected.map(({ column }) => column.path.join('.'));
  const counter = { criteria: 0 };
  const predicate = query.where ? compile(store, module.apiName, query.where, options, counter) : () => true;
  if (counter.criteria > LIMITS.coqlMaxCriteria) {
    throw new CoqlError('LIMIT_EXCEEDED', COQL_MESSAGES.limit, { clause: 'where', limit: LIMITS.coqlMaxCriteria });
  }
  const sorts = query.orderBy.map(({ column, descending }) => ({ column, descending, kind: kindOf(resolveColumn(module.apiName, column, 'order by')) }));
  const seen = new Set<string>();
  for (const { column } of sorts) {
    const key = column.path.join('.');
    if (seen.has(key)) throw new CoqlError('DUPLICATE_DATA', COQL_MESSAGES.duplicate, { column_name: key, clause: 'order by' });
    seen.add(key);
  }

  const matches = store.list(module.apiName).filter(predicate);
  matches.sort((a, b) => {
    for (const { column, descending, kind } of sorts) {
      const x = comparable(valueAt(store, module.apiName, a, column.path), kind);
      const y = comparable(valueAt(store, module.apiName, b, column.path), kind);
      // Nulls first ascending, like MySQL.
      const order = x === null ? (y === null ? 0 : -1) : y === null ? 1 : compareValues(x, y, kind);
      if (order !== 0) return descending ? -order : order;
    }
    // Zoho's default order: ascending record id.
    return compareValues(a.id, b.id, 'id');
  });
  const page = matches.slice(query.offset, query.offset + query.limit);
  const rows = page.map((record) => {
    const row: ZohoRecord = { id: record.id };
    selected.forEach(({ column }, i) => {
      const value = valueAt(store, module.apiName, record, column.path);
      const key = keys[i] as string;
      row[key] = shapeForCoql(value);
    });
    return row;
  });
  return { module, rows, moreRecords: matches.length > query.offset + query.limit, limit: query.limit };
}

/** COQL returns only the id of a lookup. */
function shapeForCoql(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value) return { id: (value as { id: unknown }).id };
  return value === undefined ? null : structuredClone(value);
}

/** Whether `user` may query `module` (Zoho's docs: only administrators may query Notes). */
export function mayQueryModule(module: ModuleDef, user: ZohoUserJson): boolean {
  if (module.apiName !== 'Notes') return true;
  return (user.profile as { name?: string } | undefined)?.name === 'Administrator';
}
