// A contact's IANA time zone from the address on its Zoho record (Mailing_Country/State/City on
// Contacts, Country/State/City on Leads), as sales reps type it: any case, codes or names, accents
// or not. Lookup only, no network.
// The tables are in ./zones.data.ts, written by hand: no maintained npm package maps free-text
// addresses to zones offline.

import { CITIES, COUNTRIES, REGIONS } from './zones.data';

export interface AddressFields {
  country?: string | null;
  state?: string | null;
  city?: string | null;
}

export type ZoneConfidence = 'city' | 'state' | 'country';

export interface ZoneGuess {
  timeZone: string;
  /** Which field decided: a known city, a state/province, or a single-zone (or defaulted) country. */
  confidence: ZoneConfidence;
}

/** What reps type when they know nothing: read as an empty field, not as Namibia ("NA"). */
const PLACEHOLDERS = new Set(['na', 'none', 'null', 'nil', 'unknown', 'undefined', 'tbd', 'tba', 'other', 'notapplicable', 'nan']);

/** Expanded only inside longer names, so "MT" stays Montana and "ST" stays a code. */
const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort' };

/**
 * A place name reduced to its letters and digits, lower-case, without accents: "U.S.A." → "usa",
 * "São Paulo" → "saopaulo", "St. John's" → "saintjohns", "The Netherlands" → "netherlands".
 */
export function normalizePlace(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length > 1 && words[0] === 'the') words.shift();
  if (words.length > 1) return words.map((word) => ABBREVIATIONS[word] ?? word).join('');
  return words.join('');
}

interface CountryInfo {
  iso2: string;
  zone: string | null;
}
interface RegionInfo {
  country: string;
  code: string;
  zone: string;
}
interface CityInfo {
  country: string;
  state: string | undefined;
  zone: string;
  minor: boolean;
}
interface Indexes {
  countries: Map<string, CountryInfo>;
  regions: Map<string, RegionInfo[]>;
  cities: Map<string, CityInfo[]>;
}

let built: Indexes | undefined;

function indexes(): Indexes {
  if (built) return built;
  const countries = new Map<string, CountryInfo>();
  for (const [iso2, iso3, zone, names] of COUNTRIES) {
    const info = { iso2, zone };
    for (const name of [iso2, iso3, ...names.split('|')]) {
      const key = normalizePlace(name);
      if (key !== '' && !countries.has(key)) countries.set(key, info);
    }
  }
  const regions = new Map<string, RegionInfo[]>();
  for (const [country, rows] of Object.entries(REGIONS)) {
    for (const [code, zone, names] of rows) {
      for (const name of new Set(names.split('|').map(normalizePlace))) {
        if (name === '') continue;
        const list = regions.get(name) ?? [];
        list.push({ country, code, zone });
        regions.set(name, list);
      }
    }
  }
  const cities = new Map<string, CityInfo[]>();
  for (const [country, state, zone, names, minor] of CITIES) {
    for (const name of new Set(names.split('|').map(normalizePlace))) {
      if (name === '') continue;
      const list = cities.get(name) ?? [];
      list.push({ country, state: state === '' ? undefined : state, zone, minor: minor === 'minor' });
      cities.set(name, list);
    }
  }
  built = { countries, regions, cities };
  return built;
}

/**
 * The keys to try for one address field, best first; undefined when the field is empty. A field
 * that can't be a place (markup, a paragraph) gives no keys: present, but matching nothing.
 */
function fieldKeys(value: unknown, kind: 'country' | 'state' | 'city'): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > 100 || /[<>{}\\]|[\u0000-\u001f]/.test(text)) return [];
  const full = normalizePlace(text);
  if (full === '' || PLACEHOLDERS.has(full)) return undefined;
  const keys = [full];
  const unbracketed = normalizePlace(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  keys.push(unbracketed);
  if (kind === 'city') keys.push(normalizePlace(text.split(',')[0] ?? ''));
  // "Sydney 2000", "NSW 2000": postcodes typed into the wrong field.
  keys.push(normalizePlace(text.replace(/\p{N}+/gu, ' ')));
  return [...new Set(keys)].filter((key) => key !== '');
}

function firstHit<T>(map: Map<string, T>, keys: readonly string[]): T | undefined {
  for (const key of keys) {
    const hit = map.get(key);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function allHits<T>(map: Map<string, T[]>, keys: readonly string[], keep: (item: T) => boolean): T[] {
  for (const key of keys) {
    const hits = (map.get(key) ?? []).filter(keep);
    if (hits.length > 0) return hits;
  }
  return [];
}

/** The one zone all of these agree on, or null when they disagree or there are none. */
function agreed(zones: readonly string[]): string | null {
  const distinct = new Set(zones);
  return distinct.size === 1 ? (zones[0] ?? null) : null;
}

const CONFLICT = Symbol('conflict');

function cityZone(
  candidates: readonly CityInfo[],
  country: CountryInfo | undefined,
  regions: readonly RegionInfo[],
): string | null | typeof CONFLICT {
  let found = country ? candidates.filter((city) => city.country === country.iso2) : [...candidates];
  const inRegion = (city: CityInfo) =>
    regions.some((region) => region.country === city.country && (city.state === undefined || region.code === city.state));
  if (regions.length > 0) {
    const fitting = found.filter(inRegion);
    // Without a country, a well-known city and a state elsewhere ("Chennai", "TN") contradict
    // each other: neither is trusted. With a country, its state decides below.
    if (fitting.length === 0 && !country && found.some((city) => !city.minor)) return CONFLICT;
    found = fitting;
  }
  // A lesser namesake ("London", Ontario) counts only when the address points at it.
  found = found.filter((city) => {
    if (!city.minor) return true;
    if (city.state === undefined) return country !== undefined;
    return regions.some((region) => region.country === city.country && region.code === city.state);
  });
  return agreed(found.map((city) => city.zone));
}

/**
 * The IANA time zone of a Zoho record's address, and which field decided it; null when the
 * address doesn't say (empty, unreadable, a country we can't read, an ambiguous city, a country
 * with several zones and no usable state or city).
 *
 * A known city wins when the country is missing or agrees; then the state or province; then the
 * country's own zone. Multi-zone countries (US, Canada, Australia, Russia, Brazil, Mexico,
 * Indonesia) give no zone on their own.
 */
export function zoneForAddress(address: AddressFields): ZoneGuess | null {
  const { countries, regions: regionIndex, cities: cityIndex } = indexes();
  const countryKeys = fieldKeys(address?.country, 'country');
  const stateKeys = fieldKeys(address?.state, 'state');
  const cityKeys = fieldKeys(address?.city, 'city');

  let country: CountryInfo | undefined;
  if (countryKeys) {
    country = firstHit(countries, countryKeys);
    // A country we can't read may be one whose cities share names with ours: no guess.
    if (!country) return null;
  }

  const regions = stateKeys
    ? allHits(regionIndex, stateKeys, (region) => !country || region.country === country.iso2)
    : [];

  const cities = cityKeys ? allHits(cityIndex, cityKeys, (city) => !country || city.country === country.iso2) : [];
  if (cities.length > 0) {
    const zone = cityZone(cities, country, regions);
    if (zone === CONFLICT) return null;
    if (zone) return { timeZone: zone, confidence: 'city' };
  }

  const regionZone = agreed(regions.map((region) => region.zone));
  if (regionZone) return { timeZone: regionZone, confidence: 'state' };

  if (country?.zone) return { timeZone: country.zone, confidence: 'country' };
  return null;
}

/**
 * A short name for a zone at a moment, for the panel: "PST", "PDT", "GMT+5:30", "MEZ" (de).
 * Falls back to the zone's ID when Intl doesn't know the zone.
 */
export function describeZone(timeZone: string, date: Date | number = Date.now(), locale?: string): string {
  const name = (forLocale: string | undefined) =>
    new Intl.DateTimeFormat(forLocale, { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value;
  try {
    return name(locale) ?? timeZone;
  } catch {
    try {
      return name('en') ?? timeZone;
    } catch {
      return timeZone;
    }
  }
}

/** The raw tables, for tests that check every zone and spelling in them. */
export const ZONE_TABLES = { countries: COUNTRIES, regions: REGIONS, cities: CITIES } as const;
