// Runtime knobs for tests and demos, changed through POST /__sandbox/config.
import { z } from 'zod';
import { SEED } from './seed';
import { DATA_CENTRE_IDS, type StageRefusal } from './zoho';

export interface SandboxConfig {
  /** Delay added to every accounts-server and API response. */
  latencyMs: number;
  /** Sent as `location` on the authorization redirect. */
  dataCentre: (typeof DATA_CENTRE_IDS)[number];
  /** When a string, sent as `accounts-server` instead of this origin (to test that clients refuse it). */
  forgeAccountsServer: string | null;
  /** In-flight /crm/v8 requests beyond this answer 429. */
  concurrencyLimit: number;
  /** In-flight COQL requests beyond this answer 429 ("complex" calls have their own sub-limit). */
  coqlConcurrencyLimit: number;
  /**
   * COQL as strict as Zoho's documented limitations: multi-line fields (Description,
   * Note_Content) refused in WHERE, Notes only for administrators. Off by default so the
   * extension's marker lookups work; turn on to see what real Zoho may refuse.
   */
  coqlStrict: boolean;
  accessTokenTtlSeconds: number;
  codeTtlSeconds: number;
  /** The user the consent page preselects (the "browser session" of the accounts server). */
  signedInUserId: string;
  creditsPerDay: number;
  /**
   * When set, every API update that changes a deal's Stage is refused per record, as Zoho refuses
   * it for a validation rule (its alert message), a Blueprint, or a missing permission.
   */
  stageRefusal: StageRefusal | null;
  /**
   * Search's indexing lag: a record created less than this many seconds ago is not found by
   * `/{Module}/search` yet (GET by id and COQL see it at once). UNCONFIRMED: Zoho's real lag.
   */
  searchIndexLagSeconds: number;
}

export function defaultConfig(): SandboxConfig {
  return {
    latencyMs: 0,
    dataCentre: 'us',
    forgeAccountsServer: null,
    concurrencyLimit: 10,
    coqlConcurrencyLimit: 10,
    coqlStrict: false,
    accessTokenTtlSeconds: 3600,
    codeTtlSeconds: 120,
    signedInUserId: SEED.users.rep.id,
    creditsPerDay: 50_000,
    stageRefusal: null,
    searchIndexLagSeconds: 5,
  };
}

const seededUserIds = Object.values(SEED.users).map((user) => user.id);

/** A partial config; unknown keys are refused so a typo does not silently do nothing. */
export const configPatch = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    dataCentre: z.enum(DATA_CENTRE_IDS),
    forgeAccountsServer: z.string().min(1).nullable(),
    concurrencyLimit: z.number().int().min(1).max(1000),
    coqlConcurrencyLimit: z.number().int().min(1).max(1000),
    coqlStrict: z.boolean(),
    // Zero is allowed: a code or token that is already expired when issued.
    accessTokenTtlSeconds: z.number().int().min(0),
    codeTtlSeconds: z.number().int().min(0),
    signedInUserId: z.string().refine((id) => seededUserIds.includes(id), { message: 'not a seeded user id' }),
    creditsPerDay: z.number().int().min(0),
    stageRefusal: z
      .discriminatedUnion('kind', [
        // Zoho limits a validation rule's alert message; 255 is the sandbox's guess.
        z.object({ kind: z.literal('validation_rule'), message: z.string().trim().min(1).max(255) }).strict(),
        z.object({ kind: z.literal('blueprint') }).strict(),
        z.object({ kind: z.literal('permission') }).strict(),
      ])
      .nullable(),
    searchIndexLagSeconds: z.number().int().min(0).max(3600),
  })
  .partial()
  .strict();

export type ConfigPatch = z.infer<typeof configPatch>;
