// Zoho's own TypeScript SDK for API v8 (@zohocrm/typescript-sdk-8.0, a devDependency, never
// bundled) pointed at the sandbox: Zoho's client, not ours, decides what is sent and how the
// answer is read. The SDK keeps one global Initializer, so one sandbox per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as SDK from '@zohocrm/typescript-sdk-8.0';
import { fieldDef } from '../../sandbox/fields';

export { SDK };

type Token = SDK.OAuthToken;

/**
 * The SDK asks its token store before every call. A token built from an access token alone is
 * saved once and then used as is (no refresh, no grant exchange): the sandbox's OAuth server
 * hands it out, as Zoho's accounts server would.
 */
// The SDK's TokenStore interface is not exported as a type from its index; this has its methods.
class MemoryTokenStore {
  private tokens: Token[] = [];
  async findToken(): Promise<Token | null> {
    return null;
  }
  async findTokenById(id: string): Promise<Token | null> {
    return this.tokens.find((token) => token.getId() === id) ?? null;
  }
  async saveToken(token: Token): Promise<void> {
    if (!token.getId()) token.setId(String(this.tokens.length + 1));
    this.tokens.push(token);
  }
  async deleteToken(id: string): Promise<void> {
    this.tokens = this.tokens.filter((token) => token.getId() !== id);
  }
  async getTokens(): Promise<Token[]> {
    return this.tokens;
  }
  async deleteTokens(): Promise<void> {
    this.tokens = [];
  }
}

/**
 * Initializes the SDK against `base` (API, accounts and file servers all the sandbox) with an
 * access token from the sandbox. Field metadata the SDK caches goes to a temporary folder,
 * removed by the returned function.
 */
export async function initSdk(base: string, accessToken: string): Promise<() => void> {
  const resources = mkdtempSync(join(tmpdir(), 'stagecoach-zoho-sdk-'));
  const environment = SDK.DataCenter.setEnvironment(base, base, base);
  const token = new SDK.OAuthBuilder().accessToken(accessToken).findUser(false).build();
  await new SDK.InitializeBuilder()
    .environment(environment)
    .token(token)
    .store(new MemoryTokenStore() as never)
    // Picklist values are the sandbox's to judge, as Zoho's would be.
    .SDKConfig(new SDK.SDKConfigBuilder().autoRefreshFields(false).pickListValidation(false).build())
    // With the trailing separator: the SDK builds some of its paths as resourcePath + "resources/".
    .resourcePath(`${resources}/`)
    .logger(new SDK.LogBuilder().level(SDK.Levels.OFF).filePath(null).build())
    .initialize();
  return () => rmSync(resources, { recursive: true, force: true });
}

/** A ParameterMap from pairs (the SDK's Param objects keep the names Zoho documents). */
export async function params(...pairs: [SDK.Param<any>, unknown][]): Promise<SDK.ParameterMap> {
  const map = new SDK.ParameterMap();
  for (const [param, value] of pairs) await map.add(param, value);
  return map;
}

/**
 * One of the product's payloads (lib/zoho/payloads.ts, plain JSON) as an SDK Record, keys
 * unchanged: lookups `{id}` become SDK records (users for Owner), Participants the SDK's
 * Participants, date and datetime strings Dates and picklist values Choices (the SDK checks each
 * value against the field's type from `GET /settings/fields`), the rest is added verbatim. The SDK
 * then serialises it as Zoho's client does.
 */
export function sdkRecord(module: string, payload: Record<string, unknown>): SDK.Record.Record {
  const record = new SDK.Record.Record();
  for (const [key, value] of Object.entries(payload)) record.addKeyValue(key, sdkValue(module, key, value));
  return record;
}

function sdkValue(module: string, key: string, value: unknown): unknown {
  const type = fieldDef(module, key)?.type;
  if (typeof value === 'string' && type === 'datetime') return new Date(value);
  if (typeof value === 'string' && type === 'date') {
    // The SDK writes a Date field as the local calendar date.
    const [year, month, day] = value.split('-').map(Number);
    return new Date(year!, month! - 1, day!);
  }
  if (typeof value === 'string' && type === 'picklist') return new SDK.Choice(value);
  if (key === 'Participants' && Array.isArray(value)) {
    return value.map((item: { type: string; participant: string }) => {
      const participant = new SDK.Record.Participants();
      participant.setType(item.type);
      participant.setParticipant(item.participant);
      return participant;
    });
  }
  if (value && typeof value === 'object' && 'id' in value && typeof (value as { id: unknown }).id === 'string') {
    const id = BigInt((value as { id: string }).id);
    if (key === 'Owner') {
      const user = new SDK.Users.MinifiedUser();
      user.setId(id);
      return user;
    }
    const lookup = new SDK.Record.Record();
    lookup.setId(id);
    return lookup;
  }
  return value;
}
