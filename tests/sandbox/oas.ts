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
  'users.json': (doc) => {
    // `time_zone` is declared `{type: object}`, but Zoho answers the IANA zone name as a string
    // ("Asia/Kolkata"), which is what clients read (zoho-api.md §3).
    const users = schemaAt(doc, 'users');
    const properties = users?.properties as Json | undefined;
    if (properties) properties.time_zone = { type: 'string', nullable: true };
  },
};

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
      const parsed = (await $RefParser.dereference(`${OAS_DIR}/${file}`, {
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
  const response = (operation.responses as Record<string, Json> | undefined)?.[String(status)];
  if (!response) return [`${file}: ${method.toUpperCase()} ${path} documents no ${status} response`];
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
  return validateSchema(schema, body);
}
