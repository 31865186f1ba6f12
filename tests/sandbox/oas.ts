// Validates response bodies against Zoho's OpenAPI description of CRM API v8
// (shared/reference/zoho-oas-v8, beside the repo). Cross-file $refs point at GitHub
// (raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/...); with no network they are served
// from the local copy.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import $RefParser, { type FileInfo } from '@apidevtools/json-schema-ref-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The OAS folder: `../shared/reference/zoho-oas-v8` from the repo root (override: ZOHO_OAS_DIR). */
export const OAS_DIR =
  process.env.ZOHO_OAS_DIR ?? fileURLToPath(new URL('../../../shared/reference/zoho-oas-v8/', import.meta.url));

const REMOTE_PREFIX = /^https:\/\/raw\.githubusercontent\.com\/Zohocorp-Pvt-Ltd\/crm-oas\/refs\/heads\/main\/v8\.0\/([A-Za-z0-9_.-]+\.json)/;

type Json = Record<string, unknown>;

/**
 * Known mistakes in Zoho's OAS, corrected before validating. Each one is a place where the OAS
 * contradicts Zoho's documented and observed answers (and reference/zoho-api.md); keep this list
 * short and explain every entry.
 */
const ERRATA: Record<string, (doc: Json) => void> = {
  'record.json': (doc) => {
    // Writes document only HTTP 200, but Zoho answers inserts with 201 Created, a mix of successes
    // and failures with 207 Multi-Status and all-failed with 400, each with the same `{data: [...]}`
    // body (zoho-api.md §3; record.json itself documents 201/400 for `actions/clone`).
    for (const path of ['/crm/v8/{module_api_name}', '/crm/v8/{module_api_name}/{id}']) {
      for (const method of ['post', 'put', 'delete']) {
        const responses = responsesOf(doc, path, method);
        if (!responses?.['200']) continue;
        for (const status of ['201', '207', '400']) responses[status] ??= responses['200'];
        allowValidationRuleMessages(responses['200']);
      }
    }
  },
  'notes.json': (doc) => {
    // Same statuses as record writes (see record.json). notes.json splits a POST's answers into 200
    // (successes only) and 202 (failures only); a mixed answer needs both kinds of entries.
    for (const method of ['post', 'put', 'delete']) {
      const responses = responsesOf(doc, '/crm/v8/Notes', method);
      if (!responses?.['200']) continue;
      const mixed = { description: 'erratum', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { anyOf: [...entrySchemas(responses['200']), ...entrySchemas(responses['202'] ?? responses['400'])] } } }, required: ['data'] } } } };
      responses['201'] ??= responses['200'];
      responses['207'] ??= mixed;
      responses['400'] ??= mixed;
    }
    const schemas = (doc.components as { schemas?: Record<string, Json> } | undefined)?.schemas ?? {};
    // `Note` requires every field although GET /Notes makes `fields` mandatory and Zoho answers only
    // the fields asked for (plus id); and Zoho answers `Note_Title: null` for a note without a title
    // (its own Get Notes samples).
    const note = schemas.Note;
    if (note) {
      note.required = ['id'];
      const properties = note.properties as Json;
      properties.Note_Title = { type: 'string', nullable: true };
    }
    // A delete's success has only `details.id`; notes.json reuses the insert's Success_Response,
    // which requires the creation audit fields. Relax it for the delete operation only.
    const remove = responsesOf(doc, '/crm/v8/Notes', 'delete');
    for (const status of ['200', '207']) {
      const schema = remove?.[status] ? jsonSchemaOf(remove[status] as Json) : undefined;
      if (schema) relaxSuccessDetails(schema);
    }
  },
  'layouts.json': (doc) => {
    // GET /settings/layouts documents an unknown module as code "InvalidModule", unlike every other
    // Zoho error code (upper snake case) and unlike fields.json, which answers the same `module`
    // parameter with INVALID_MODULE; accept Zoho's usual code too.
    const code = (schemaAt(doc, 'InvalidParamError')?.properties as Json | undefined)?.code as { enum?: string[] } | undefined;
    if (code?.enum && !code.enum.includes('INVALID_MODULE')) code.enum.push('INVALID_MODULE');
  },
  'variables.json': (doc) => {
    // `value` is declared `{type: object}`, but Zoho's own pages send and answer it as the value
    // itself ("value": "55" for an integer variable, a string for text), and the SDK types it as
    // any (TObject): accept any JSON value.
    const variable = schemaAt(doc, 'variable');
    const properties = variable?.properties as Json | undefined;
    if (properties) properties.value = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object' }, { type: 'null' }] };
  },
  'users.json': (doc) => {
    // `time_zone` is declared `{type: object}`, but Zoho answers the IANA zone name as a string
    // ("Asia/Kolkata"), which is what clients read (zoho-api.md §3).
    const users = schemaAt(doc, 'users');
    const properties = users?.properties as Json | undefined;
    if (properties) properties.time_zone = { type: 'string', nullable: true };
  },
};

/**
 * Repairs applied to the raw file before its $refs are followed: references to things the file
 * does not define, which would otherwise make the whole file unusable.
 */
const REPAIRS: Record<string, (doc: Json) => void> = {
  'notes.json': (doc) => {
    // GET /Notes refers to #/components/parameters/If-Modified-Since, which notes.json lacks
    // (record.json defines it as an optional header).
    const components = (doc.components ??= {}) as Json;
    const parameters = (components.parameters ??= {}) as Json;
    parameters['If-Modified-Since'] ??= { name: 'If-Modified-Since', in: 'header', required: false, schema: { type: 'string', format: 'date-time' } };
  },
};

function responsesOf(doc: Json, path: string, method: string): Record<string, Json> | undefined {
  const operation = (doc.paths as Record<string, Json> | undefined)?.[path]?.[method] as Json | undefined;
  return operation?.responses as Record<string, Json> | undefined;
}

function jsonSchemaOf(response: Json): Json | undefined {
  return (response.content as Record<string, { schema?: Json }> | undefined)?.['application/json']?.schema;
}

/** The schemas a response allows for one `data[i]` entry (top-level alternatives included). */
function entrySchemas(response: Json | undefined): Json[] {
  const schema = response ? jsonSchemaOf(response) : undefined;
  if (!schema) return [];
  const alternatives = Array.isArray(schema.oneOf) ? (schema.oneOf as Json[]) : [schema];
  return alternatives.flatMap((alternative) => {
    const items = ((alternative.properties as Json | undefined)?.data as Json | undefined)?.items as Json | undefined;
    if (!items) return [];
    return Array.isArray(items.oneOf) ? (items.oneOf as Json[]) : [items];
  });
}

/** Replaces (copies, since dereferenced schemas are shared) success entries' details with `{id}`. */
function relaxSuccessDetails(schema: Json): void {
  const alternatives = Array.isArray(schema.oneOf) ? (schema.oneOf as Json[]) : [schema];
  for (const alternative of alternatives) {
    const data = (alternative.properties as Json | undefined)?.data as Json | undefined;
    const items = data?.items as Json | undefined;
    if (!data || !items) continue;
    const list = (items.oneOf ?? items.anyOf) as Json[] | undefined;
    if (!list) continue;
    const relaxed = list.map((entry) => {
      const status = ((entry.properties as Json | undefined)?.status as { enum?: string[] } | undefined)?.enum;
      if (!status?.includes('success')) return entry;
      const copy = structuredClone(entry);
      const details = (copy.properties as Json).details as Json;
      details.required = ['id'];
      return copy;
    });
    data.items = { anyOf: relaxed };
  }
}

/**
 * A validation rule that refuses a write answers INVALID_DATA on the field with the rule's own alert
 * message, which an admin writes; record.json's per-record errors allow only an enum of Zoho's
 * built-in messages. Adds (once per shared schema) an alternative for INVALID_DATA with any other
 * message on a named field; it excludes the enum's messages so `oneOf` stays unambiguous.
 */
function allowValidationRuleMessages(response: Json | undefined): void {
  const schema = response ? jsonSchemaOf(response) : undefined;
  const alternatives = schema ? (Array.isArray(schema.oneOf) ? (schema.oneOf as Json[]) : [schema]) : [];
  for (const alternative of alternatives) {
    const items = ((alternative.properties as Json | undefined)?.data as Json | undefined)?.items as Json | undefined;
    const entries = items?.oneOf as Json[] | undefined;
    if (!entries || entries.some((entry) => entry['x-erratum'] === 'validation-rule')) continue;
    const error = entries.find((entry) => ((entry.properties as Json | undefined)?.status as { enum?: string[] } | undefined)?.enum?.includes('error'));
    const messages = ((error?.properties as Json | undefined)?.message as { enum?: string[] } | undefined)?.enum;
    if (!messages) continue;
    entries.push({
      'x-erratum': 'validation-rule',
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['error'] },
        code: { type: 'string', enum: ['INVALID_DATA'] },
        message: { type: 'string', minLength: 1, not: { enum: messages } },
        details: { type: 'object', properties: { api_name: { type: 'string' }, json_path: { type: 'string' } }, required: ['api_name', 'json_path'] },
      },
      required: ['status', 'code', 'message', 'details'],
    });
  }
}

function schemaAt(doc: Json, name: string): Json | undefined {
  const components = doc.components as { schemas?: Record<string, Json> } | undefined;
  return components?.schemas?.[name];
}

const documents = new Map<string, Promise<Json>>();

/** The OAS file with every $ref dereferenced (and the errata applied). Cached per file. */
export function loadOas(file: string): Promise<Json> {
  let doc = documents.get(file);
  if (!doc) {
    doc = (async () => {
      const raw = JSON.parse(await readFile(`${OAS_DIR}/${file}`, 'utf8')) as Json;
      REPAIRS[file]?.(raw);
      const parsed = (await $RefParser.dereference(`${OAS_DIR}/${file}`, raw, {
        resolve: {
          http: false,
          zohoOasLocal: {
            order: 1,
            canRead: (info: FileInfo) => REMOTE_PREFIX.test(info.url),
            read: (info: FileInfo) => readFile(`${OAS_DIR}/${REMOTE_PREFIX.exec(info.url)?.[1] ?? ''}`),
          },
        },
        dereference: { circular: 'ignore' },
      })) as Json;
      ERRATA[file]?.(parsed);
      return parsed;
    })();
    documents.set(file, doc);
  }
  return doc;
}

// ---- references left in place -------------------------------------------------------------------
// Dereferencing leaves a `$ref` wherever a schema refers to itself (pipeline.json's `parent`,
// fields.json's pick_list_values ⇄ Maps, layouts ⇄ fields across files), and at every reference
// on the way there. Those are expanded here when a schema is used, each one at most twice on any
// path, below which anything is accepted: deep enough for any answer the sandbox gives.

const MAX_REF_DEPTH = 2;
const refFree = new WeakMap<object, boolean>();

function hasRef(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  let known = refFree.get(value);
  if (known === undefined) {
    known = !(typeof (value as Json).$ref === 'string' || Object.values(value).some(hasRef));
    refFree.set(value, known);
  }
  return !known;
}

function pointerGet(doc: Json, pointer: string): unknown {
  let node: unknown = doc;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    if (raw === '') continue;
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(part in node)) return undefined;
    node = (node as Json)[part];
  }
  return node;
}

/** `value` with its left-over `$ref`s expanded, read as part of `file`; the cached docs are not changed. */
async function expandRefs(value: unknown, file: string, stack: readonly string[] = []): Promise<unknown> {
  if (!hasRef(value)) return value;
  if (Array.isArray(value)) return Promise.all(value.map((item) => expandRefs(item, file, stack)));
  const object = value as Json;
  if (typeof object.$ref === 'string') {
    const [target, pointer] = object.$ref.startsWith('#')
      ? [file, object.$ref.slice(1)]
      : [REMOTE_PREFIX.exec(object.$ref)?.[1], object.$ref.split('#')[1] ?? ''];
    if (!target) throw new Error(`${file}: cannot follow $ref ${object.$ref}`);
    const key = `${target}#${pointer}`;
    if (stack.filter((seen) => seen === key).length >= MAX_REF_DEPTH) return {};
    const resolved = pointerGet(await loadOas(target), pointer);
    if (resolved === undefined) throw new Error(`${file}: $ref ${object.$ref} points at nothing`);
    return expandRefs(resolved, target, [...stack, key]);
  }
  const entries = await Promise.all(Object.entries(object).map(async ([key, item]) => [key, await expandRefs(item, file, stack)] as const));
  return Object.fromEntries(entries);
}

const expanded = new WeakMap<object, Promise<Json>>();

/** A schema or response object of `file`, fully usable (memoised per object). */
function usable(value: Json, file: string): Promise<Json> {
  let result = expanded.get(value);
  if (!result) {
    result = expandRefs(value, file) as Promise<Json>;
    expanded.set(value, result);
  }
  return result;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: Json): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function formatErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params)}`);
}

/**
 * Validates against one schema. A top-level `oneOf` is handled by hand: Zoho's alternatives are
 * not mutually exclusive (e.g. File_Body_Wrapper and API_Exception accept any object), so plain
 * `oneOf` would reject every body. An alternative applies when the body has at least one of its
 * declared properties; the body must satisfy one applicable alternative.
 */
export function validateSchema(schema: Json, body: unknown): string[] {
  const alternatives = Array.isArray(schema.oneOf) ? (schema.oneOf as Json[]) : [schema];
  const applicable = alternatives.filter((alternative) => {
    const properties = alternative.properties as Json | undefined;
    if (!properties || typeof body !== 'object' || body === null) return true;
    return Object.keys(properties).some((key) => key in body);
  });
  if (applicable.length === 0) return [`(root) matches none of the ${alternatives.length} documented alternatives`];
  let best: string[] | null = null;
  for (const alternative of applicable) {
    const validate = compile(alternative);
    if (validate(body)) return [];
    const errors = formatErrors(validate);
    if (!best || errors.length < best.length) best = errors;
  }
  return best ?? [];
}

/**
 * Errors (empty when valid) for `body` as the response to `method path` with `status`, per
 * `file` in the OAS folder. `path` is the OAS path template, e.g. `/crm/v8/{module_api_name}/{id}`.
 */
export async function validateAgainstOas(file: string, path: string, method: string, status: number, body: unknown): Promise<string[]> {
  const doc = await loadOas(file);
  const operation = ((doc.paths as Record<string, Json> | undefined)?.[path]?.[method.toLowerCase()]) as Json | undefined;
  if (!operation) return [`${file}: no operation ${method.toUpperCase()} ${path}`];
  const documented = (operation.responses as Record<string, Json> | undefined)?.[String(status)];
  if (!documented) return [`${file}: ${method.toUpperCase()} ${path} documents no ${status} response`];
  const response = await usable(documented, file);
  const content = response.content as Record<string, { schema?: Json }> | undefined;
  const schema = content?.['application/json']?.schema;
  if (!schema) return body === undefined || body === null || body === '' ? [] : [`${file}: the ${status} response has no JSON body`];
  return validateSchema(schema, body);
}

/** Errors for `body` against a named schema in `components.schemas` of `file`. */
export async function validateAgainstOasSchema(file: string, schemaName: string, body: unknown): Promise<string[]> {
  const doc = await loadOas(file);
  const schema = schemaAt(doc, schemaName);
  if (!schema) return [`${file}: no schema ${schemaName}`];
  return validateSchema(await usable(schema, file), body);
}
