import { describe, expect, it } from 'vitest';
import { describeZone, normalizePlace, ZONE_TABLES, zoneForAddress, type ZoneGuess } from './zones';

const { countries, regions, cities } = ZONE_TABLES;

const allZones = [
  ...new Set([
    ...countries.flatMap(([, , zone]) => (zone ? [zone] : [])),
    ...Object.values(regions).flatMap((rows) => rows.map(([, zone]) => zone)),
    ...cities.map(([, , zone]) => zone),
  ]),
].sort();

const names = (list: string) => list.split('|');

describe('zone tables', () => {
  const supported = new Set(Intl.supportedValuesOf('timeZone'));

  it.each(allZones)('%s is a zone Intl and Node know', (zone) => {
    const format = new Intl.DateTimeFormat('en', { timeZone: zone });
    // Node canonicalizes some IANA names to ICU's older ones (Asia/Kolkata → Asia/Calcutta).
    expect(supported.has(zone) || supported.has(format.resolvedOptions().timeZone)).toBe(true);
    expect(format.resolvedOptions().timeZone).not.toMatch(/^(UTC|Etc\/)/);
  });

  it('covers at least 120 single-zone countries and 150 cities', () => {
    expect(countries.filter(([, , zone]) => zone !== null).length).toBeGreaterThanOrEqual(120);
    expect(new Set(cities.flatMap(([, , , list]) => names(list).map(normalizePlace))).size).toBeGreaterThanOrEqual(150);
  });

  it('has all 50 US states and DC', () => {
    const codes = new Set(regions.US?.map(([code]) => code));
    const states = 'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC';
    for (const state of states.split(' ')) expect(codes.has(state), state).toBe(true);
  });

  it('never spells two countries the same', () => {
    const seen = new Map<string, string>();
    for (const [iso2, iso3, , list] of countries) {
      for (const name of [iso2, iso3, ...names(list)]) {
        const key = normalizePlace(name);
        expect(key, name).not.toBe('');
        const other = seen.get(key);
        expect(other === undefined || other === iso2, `${name}: ${other} and ${iso2}`).toBe(true);
        seen.set(key, iso2);
      }
    }
  });

  it('never spells two regions of one country the same', () => {
    for (const [country, rows] of Object.entries(regions)) {
      expect(countries.some(([iso2]) => iso2 === country), country).toBe(true);
      const seen = new Map<string, string>();
      for (const [code, , list] of rows) {
        for (const name of names(list)) {
          const key = normalizePlace(name);
          expect(key, name).not.toBe('');
          const other = seen.get(key);
          expect(other === undefined || other === code, `${country} ${name}: ${other} and ${code}`).toBe(true);
          seen.set(key, code);
        }
      }
    }
  });

  it('puts every city in a known country and region, one zone per name there', () => {
    const seen = new Map<string, string>();
    for (const [country, state, zone, list] of cities) {
      expect(countries.some(([iso2]) => iso2 === country), country).toBe(true);
      if (state !== '') expect(regions[country]?.some(([code]) => code === state), `${country} ${state}`).toBe(true);
      for (const name of names(list)) {
        const key = `${country}/${state}/${normalizePlace(name)}`;
        expect(seen.get(key) ?? zone, key).toBe(zone);
        seen.set(key, zone);
      }
    }
  });
});

describe('zoneForAddress: countries', () => {
  // "NA" is what reps type for "not applicable": Namibia needs its name or NAM.
  const rows = countries.flatMap(([iso2, iso3, zone, list]) =>
    [iso2, iso3, ...names(list)].filter((name) => name !== 'NA').map((name) => [name, iso2, zone] as const),
  );

  it.each(rows)('country %j (%s) → %s', (name, _iso2, zone) => {
    const expected: ZoneGuess | null = zone ? { timeZone: zone, confidence: 'country' } : null;
    expect(zoneForAddress({ country: name })).toEqual(expected);
    expect(zoneForAddress({ country: name.toUpperCase(), state: '', city: '' })).toEqual(expected);
    expect(zoneForAddress({ country: ` ${name.toLowerCase()}  ` })).toEqual(expected);
  });

  it.each([
    ['United States', null],
    ['USA', null],
    ['U.S.A.', null],
    ['Canada', null],
    ['Australia', null],
    ['Russia', null],
    ['Brazil', null],
    ['Mexico', null],
    ['Indonesia', null],
    ['UK', 'Europe/London'],
    ['GB', 'Europe/London'],
    ['Great Britain', 'Europe/London'],
    ['England', 'Europe/London'],
    ['india', 'Asia/Kolkata'],
    ['IN', 'Asia/Kolkata'],
    ['Deutschland', 'Europe/Berlin'],
    ['germany', 'Europe/Berlin'],
    ['España', 'Europe/Madrid'],
    ['Espana', 'Europe/Madrid'],
    ['The Netherlands', 'Europe/Amsterdam'],
    ['Bosnia & Herzegovina', 'Europe/Sarajevo'],
    ['Korea, Republic of', 'Asia/Seoul'],
    ['Korea (South)', 'Asia/Seoul'],
    ["Cote D'Ivoire", 'Africa/Abidjan'],
    ['Türkiye', 'Europe/Istanbul'],
    ['Argentina', 'America/Argentina/Buenos_Aires'],
    ['Chile', 'America/Santiago'],
    ['New Zealand', 'Pacific/Auckland'],
    ['Kazakhstan', 'Asia/Almaty'],
    ['Spain', 'Europe/Madrid'],
    ['Portugal', 'Europe/Lisbon'],
    ['NA', null],
    ['N/A', null],
    ['Namibia', 'Africa/Windhoek'],
    ['NAM', 'Africa/Windhoek'],
  ])('country %j → %s', (country, zone) => {
    expect(zoneForAddress({ country })).toEqual(zone ? { timeZone: zone, confidence: 'country' } : null);
  });
});

describe('zoneForAddress: states and provinces', () => {
  it.each(regions.US?.map(([code, zone, list]) => [code, names(list).at(-1) ?? code, zone]) ?? [])(
    'US state %s / %j → %s',
    (code, name, zone) => {
      expect(zoneForAddress({ state: code, country: 'US' })).toEqual({ timeZone: zone, confidence: 'state' });
      expect(zoneForAddress({ state: name, country: 'United States' })).toEqual({ timeZone: zone, confidence: 'state' });
    },
  );

  it.each([
    ['Arizona', 'USA', 'America/Phoenix'],
    ['HI', 'US', 'Pacific/Honolulu'],
    ['Alaska', 'US', 'America/Anchorage'],
    ['Indiana', 'US', 'America/Indiana/Indianapolis'],
    ['tx', 'usa', 'America/Chicago'],
    ['N.Y.', 'U.S.', 'America/New_York'],
    ['Calif.', 'USA', 'America/Los_Angeles'],
    ['District of Columbia', 'US', 'America/New_York'],
    ['Ontario', 'Canada', 'America/Toronto'],
    ['QC', 'CA', 'America/Toronto'],
    ['Québec', 'Canada', 'America/Toronto'],
    ['BC', 'Canada', 'America/Vancouver'],
    ['AB', 'CAN', 'America/Edmonton'],
    ['SK', 'Canada', 'America/Regina'],
    ['Newfoundland and Labrador', 'Canada', 'America/St_Johns'],
    ['NSW', 'Australia', 'Australia/Sydney'],
    ['QLD', 'AU', 'Australia/Brisbane'],
    ['WA', 'Australia', 'Australia/Perth'],
    ['WA', 'USA', 'America/Los_Angeles'],
    ['SA', 'Australia', 'Australia/Adelaide'],
    ['NT', 'Australia', 'Australia/Darwin'],
    ['NT', 'Canada', 'America/Edmonton'],
    ['TAS', 'Australia', 'Australia/Hobart'],
    ['ACT', 'Australia', 'Australia/Sydney'],
    ['Victoria', 'Australia', 'Australia/Melbourne'],
    ['Lord Howe Island', 'Australia', 'Australia/Lord_Howe'],
    ['NSW 2000', 'Australia', 'Australia/Sydney'],
    ['SP', 'Brasil', 'America/Sao_Paulo'],
    ['Amazonas', 'Brazil', 'America/Manaus'],
    ['Bahia', 'BR', 'America/Bahia'],
    ['Ciudad de México', 'México', 'America/Mexico_City'],
    ['CDMX', 'MX', 'America/Mexico_City'],
    ['Quintana Roo', 'Mexico', 'America/Cancun'],
    ['Baja California', 'Mexico', 'America/Tijuana'],
    ['Baja California Sur', 'Mexico', 'America/Mazatlan'],
    ['Sonora', 'Mexico', 'America/Hermosillo'],
    ['Nuevo León', 'Mexico', 'America/Monterrey'],
    ['Jawa Barat', 'Indonesia', 'Asia/Jakarta'],
    ['Bali', 'Indonesia', 'Asia/Makassar'],
    ['Papua', 'Indonesia', 'Asia/Jayapura'],
    ['Novosibirsk Oblast', 'Russia', 'Asia/Novosibirsk'],
    ['Isla de Pascua', 'Chile', 'Pacific/Easter'],
    ['Chatham Islands', 'New Zealand', 'Pacific/Chatham'],
    ['Canarias', 'España', 'Atlantic/Canary'],
    ['Azores', 'Portugal', 'Atlantic/Azores'],
    ['Galápagos', 'Ecuador', 'Pacific/Galapagos'],
  ])('state %j in %j → %s', (state, country, zone) => {
    expect(zoneForAddress({ state, country })).toEqual({ timeZone: zone, confidence: 'state' });
  });

  it.each([
    ['Texas', 'America/Chicago'],
    ['CA', 'America/Los_Angeles'],
    ['Ontario', 'America/Toronto'],
    ['Queensland', 'Australia/Brisbane'],
  ])('state %j with no country → %s', (state, zone) => {
    expect(zoneForAddress({ state })).toEqual({ timeZone: zone, confidence: 'state' });
  });

  it.each([
    ['WA', 'Washington or Western Australia'],
    ['NT', 'Northern Territory or Northwest Territories'],
    ['PA', 'Pennsylvania or Pará'],
    ['BC', 'British Columbia or Baja California'],
  ])('state %j with no country is ambiguous (%s) → null', (state) => {
    expect(zoneForAddress({ state })).toBeNull();
  });

  it.each([
    ['Ontario', 'US'],
    ['Bavaria', 'USA'],
    ['', 'Canada'],
    ['Californa', 'United States'],
    ['Moscow Oblast', 'Australia'],
  ])('state %j in multi-zone %j that it is not in → null', (state, country) => {
    expect(zoneForAddress({ state, country })).toBeNull();
  });

  it('ignores a state a single-zone country has no table for', () => {
    expect(zoneForAddress({ state: 'Bayern', country: 'Germany' })).toEqual({ timeZone: 'Europe/Berlin', confidence: 'country' });
    expect(zoneForAddress({ state: 'Texas', country: 'Germany' })).toEqual({ timeZone: 'Europe/Berlin', confidence: 'country' });
  });
});

type Case = [city: string | null | undefined, state: string | null | undefined, country: string | null | undefined, expected: ZoneGuess | null];
const city = (timeZone: string): ZoneGuess => ({ timeZone, confidence: 'city' });
const state = (timeZone: string): ZoneGuess => ({ timeZone, confidence: 'state' });
const country = (timeZone: string): ZoneGuess => ({ timeZone, confidence: 'country' });

describe('zoneForAddress: addresses as reps type them', () => {
  it.each<Case>([
    ['los angeles', 'CA', 'United States', city('America/Los_Angeles')],
    ['Los Angeles', 'California', 'USA', city('America/Los_Angeles')],
    ['San Francisco', 'CA', 'US', city('America/Los_Angeles')],
    ['NYC', 'NY', 'USA', city('America/New_York')],
    ['New York, NY', '', '', city('America/New_York')],
    ['Brooklyn', 'New York', 'United States of America', city('America/New_York')],
    ['Chicago', 'IL', 'USA', city('America/Chicago')],
    ['Denver', 'CO', 'U.S.', city('America/Denver')],
    ['Phoenix', 'AZ', 'USA', city('America/Phoenix')],
    ['Phoenix', null, null, city('America/Phoenix')],
    ['Detroit', 'MI', 'US', city('America/Detroit')],
    ['Indianapolis', 'IN', 'US', city('America/Indiana/Indianapolis')],
    ['Gary', 'IN', 'US', city('America/Chicago')],
    ['El Paso', 'TX', 'USA', city('America/Denver')],
    ['Pensacola', 'FL', 'USA', city('America/Chicago')],
    ['Honolulu', 'HI', 'USA', city('Pacific/Honolulu')],
    ['Anchorage', 'AK', 'USA', city('America/Anchorage')],
    ['St. Louis', 'MO', 'USA', city('America/Chicago')],
    ['Saint Louis', '', 'USA', city('America/Chicago')],
    ['Washington', 'DC', 'USA', city('America/New_York')],
    ['Washington, D.C.', '', '', city('America/New_York')],
    ['Kansas City', 'KS', 'USA', city('America/Chicago')],
    ['Springfield', 'IL', 'USA', city('America/Chicago')],
    ['Springfield', 'MA', 'USA', city('America/New_York')],
    ['Springfield', 'Oregon', 'USA', state('America/Los_Angeles')],
    ['Springfield', '', 'USA', null],
    ['Springfield', '', '', null],
    ['Portland', 'OR', 'US', city('America/Los_Angeles')],
    ['Portland', 'ME', 'US', city('America/New_York')],
    ['Portland', 'Maine', '', city('America/New_York')],
    ['Portland', '', 'US', null],
    ['Portland', '', '', null],
    ['Vancouver', 'BC', 'Canada', city('America/Vancouver')],
    ['Vancouver', 'WA', 'USA', city('America/Los_Angeles')],
    ['Vancouver', '', 'Canada', city('America/Vancouver')],
    ['Vancouver', '', '', null],
    ['Toronto', 'ON', 'Canada', city('America/Toronto')],
    ['Montréal', 'QC', 'Canada', city('America/Toronto')],
    ['Calgary', 'Alberta', 'CA', city('America/Edmonton')],
    ['Halifax', 'NS', 'Canada', city('America/Halifax')],
    ["St. John's", 'NL', 'Canada', city('America/St_Johns')],
    ["St John's", '', 'Antigua and Barbuda', city('America/Antigua')],
    ["St. John's", '', '', null],
    ['London', 'ON', 'Canada', city('America/Toronto')],
    ['London', '', 'Canada', null],
    ['London', '', '', city('Europe/London')],
    ['London', '', 'United Kingdom', city('Europe/London')],
    ['London', 'KY', 'USA', state('America/New_York')],
    ['Manchester', '', 'England', city('Europe/London')],
    ['Manchester', 'NH', 'USA', city('America/New_York')],
    ['Birmingham', '', 'UK', city('Europe/London')],
    ['Birmingham', 'AL', 'USA', city('America/Chicago')],
    ['Birmingham', '', '', null],
    ['Perth', 'WA', 'Australia', city('Australia/Perth')],
    ['Perth', 'WA', '', city('Australia/Perth')],
    ['Perth', 'Scotland', 'UK', city('Europe/London')],
    ['Perth', '', '', null],
    ['Sydney', 'NSW', 'Australia', city('Australia/Sydney')],
    ['Sydney', null, null, city('Australia/Sydney')],
    ['Sydney', 'NSW 2000', '', city('Australia/Sydney')],
    ['Sydney', 'NS', 'Canada', city('America/Halifax')],
    ['Melbourne', 'VIC', 'Australia', city('Australia/Melbourne')],
    ['Melbourne', 'FL', 'USA', city('America/New_York')],
    ['Brisbane', 'QLD', 'Australia', city('Australia/Brisbane')],
    ['Adelaide', '', 'Australia', city('Australia/Adelaide')],
    ['Darwin', 'NT', 'Australia', city('Australia/Darwin')],
    ['Hobart', 'Tasmania', 'Australia', city('Australia/Hobart')],
    ['Canberra', 'ACT', 'AUS', city('Australia/Sydney')],
    ['Broken Hill', 'NSW', 'Australia', city('Australia/Broken_Hill')],
    ['Auckland', '', 'New Zealand', city('Pacific/Auckland')],
    ['Wellington', '', 'NZ', city('Pacific/Auckland')],
    ['Mumbai', 'Maharashtra', 'India', city('Asia/Kolkata')],
    ['Bangalore', 'Karnataka', 'IN', city('Asia/Kolkata')],
    ['Bengaluru', '', '', city('Asia/Kolkata')],
    ['Gurgaon', 'Haryana', 'India', city('Asia/Kolkata')],
    ['Hyderabad', 'Telangana', 'India', city('Asia/Kolkata')],
    ['Hyderabad', 'Sindh', 'Pakistan', city('Asia/Karachi')],
    ['Chennai', 'TN', 'India', city('Asia/Kolkata')],
    ['Berlin', null, 'Germany', city('Europe/Berlin')],
    ['München', 'Bayern', 'Deutschland', city('Europe/Berlin')],
    ['Zürich', '', 'Schweiz', city('Europe/Zurich')],
    ['Geneva', '', 'France', country('Europe/Paris')],
    ['Paris', '', 'France', city('Europe/Paris')],
    ['Madrid', '', 'España', city('Europe/Madrid')],
    ['Las Palmas de Gran Canaria', '', 'Spain', city('Atlantic/Canary')],
    ['Valencia', '', 'Spain', city('Europe/Madrid')],
    ['Valencia', '', 'Venezuela', city('America/Caracas')],
    ['Valencia', '', '', null],
    ['Córdoba', '', 'Argentina', city('America/Argentina/Buenos_Aires')],
    ['Cordoba', '', '', null],
    ['Lisboa', '', 'Portugal', city('Europe/Lisbon')],
    ['Funchal', 'Madeira', 'Portugal', city('Atlantic/Madeira')],
    ['Warszawa', '', 'Polska', city('Europe/Warsaw')],
    ['Kyiv', '', 'Ukraine', city('Europe/Kyiv')],
    ['Istanbul', '', 'Turkey', city('Europe/Istanbul')],
    ['Moscow', '', 'Russia', city('Europe/Moscow')],
    ['St. Petersburg', '', 'Russian Federation', city('Europe/Moscow')],
    ['St. Petersburg', 'FL', 'USA', city('America/New_York')],
    ['St Petersburg', '', '', city('Europe/Moscow')],
    ['Novosibirsk', '', 'RU', city('Asia/Novosibirsk')],
    ['Vladivostok', '', 'Russia', city('Asia/Vladivostok')],
    ['Kaliningrad', '', 'Russia', city('Europe/Kaliningrad')],
    ['Yekaterinburg', '', 'RUS', city('Asia/Yekaterinburg')],
    ['Jakarta', '', 'Indonesia', city('Asia/Jakarta')],
    ['Denpasar', 'Bali', 'Indonesia', city('Asia/Makassar')],
    ['Jayapura', '', 'ID', city('Asia/Jayapura')],
    ['São Paulo', 'SP', 'Brasil', city('America/Sao_Paulo')],
    ['Sao Paulo', '', 'Brazil', city('America/Sao_Paulo')],
    ['Manaus', 'AM', 'Brazil', city('America/Manaus')],
    ['Recife', '', 'BR', city('America/Recife')],
    ['Mexico City', '', 'Mexico', city('America/Mexico_City')],
    ['Ciudad de México', 'CDMX', 'México', city('America/Mexico_City')],
    ['Cancún', 'Quintana Roo', 'México', city('America/Cancun')],
    ['Tijuana', 'Baja California', 'Mexico', city('America/Tijuana')],
    ['Hermosillo', 'Sonora', 'MX', city('America/Hermosillo')],
    ['Monterrey', 'NL', 'Mexico', city('America/Monterrey')],
    ['Guadalajara', 'Jalisco', 'Mexico', city('America/Mexico_City')],
    ['Buenos Aires', '', 'Argentina', city('America/Argentina/Buenos_Aires')],
    ['Santiago', '', 'Chile', city('America/Santiago')],
    ['Hanga Roa', '', 'Chile', city('Pacific/Easter')],
    ['Bogotá', '', 'Colombia', city('America/Bogota')],
    ['Lima', '', 'Peru', city('America/Lima')],
    ['San Jose', 'CA', 'USA', city('America/Los_Angeles')],
    ['San José', '', 'Costa Rica', city('America/Costa_Rica')],
    ['San Jose', '', '', null],
    ['Almaty', '', 'Kazakhstan', city('Asia/Almaty')],
    ['Aktobe', '', 'Kazakhstan', city('Asia/Aqtobe')],
    ['Tokyo', '', 'Japan', city('Asia/Tokyo')],
    ['東京', '', '日本', city('Asia/Tokyo')],
    ['Seoul', '', 'South Korea', city('Asia/Seoul')],
    ['Shanghai', '', 'China', city('Asia/Shanghai')],
    ['Hong Kong', '', 'Hong Kong', city('Asia/Hong_Kong')],
    ['Singapore', '', 'Singapore', city('Asia/Singapore')],
    ['Singapore', '', '', city('Asia/Singapore')],
    ['Kuala Lumpur', '', 'Malaysia', city('Asia/Kuala_Lumpur')],
    ['Ho Chi Minh City', '', 'Vietnam', city('Asia/Ho_Chi_Minh')],
    ['Dubai', '', 'UAE', city('Asia/Dubai')],
    ['Dubai', '', 'United Arab Emirates', city('Asia/Dubai')],
    ['Riyadh', '', 'KSA', city('Asia/Riyadh')],
    ['Tel Aviv', '', 'Israel', city('Asia/Jerusalem')],
    ['Cairo', '', 'Egypt', city('Africa/Cairo')],
    ['Lagos', '', 'Nigeria', city('Africa/Lagos')],
    ['Nairobi', '', 'Kenya', city('Africa/Nairobi')],
    ['Cape Town', 'Western Cape', 'South Africa', city('Africa/Johannesburg')],
    // Cities the tables don't know: the state, then the country.
    ['Boise', 'ID', 'USA', city('America/Boise')],
    ['Fresno', 'CA', 'USA', state('America/Los_Angeles')],
    ['Tulsa', 'OK', 'USA', city('America/Chicago')],
    ['Flagstaff', 'Arizona', 'USA', state('America/Phoenix')],
    ['Kelowna', 'BC', 'Canada', state('America/Vancouver')],
    ['Toowoomba', 'QLD', 'Australia', state('Australia/Brisbane')],
    ['Dortmund', 'NRW', 'Germany', country('Europe/Berlin')],
    ['Nagpur', 'Maharashtra', 'India', country('Asia/Kolkata')],
    ['Smallville', '', 'USA', null],
    ['Smallville', '', '', null],
    // A city the address contradicts: with a country its state decides; without one, nothing.
    ['Los Angeles', 'NY', 'USA', state('America/New_York')],
    ['London', '', 'Canada', null],
    ['Berlin', '', 'USA', null],
    ['Berlin', '', 'Canada', null],
    ['Sydney', 'ON', '', null],
    ['Chennai', 'TN', '', null],
    // Empty, placeholder and unreadable fields.
    ['', '', '', null],
    [null, null, null, null],
    [undefined, undefined, undefined, null],
    ['   ', ' ', '\t', null],
    ['', '', 'N/A', null],
    ['-', '-', '-', null],
    ['Berlin', 'n/a', 'Unknown', city('Europe/Berlin')],
    ['asdf', 'qwerty', 'zzz', null],
    ['asdf', '', '', null],
    ['Berlin', '', 'Atlantis', null],
    ['12345', '', '', null],
    ['<script>alert(1)</script>', '<b>CA</b>', '<img src=x onerror=alert(1)>', null],
    ['<b>Berlin</b>', '', 'Germany', country('Europe/Berlin')],
    ['Berlin', '', '<i>Germany</i>', null],
    ['Paris'.repeat(40), '', 'France', country('Europe/Paris')],
  ])('%j, %j, %j', (cityField, stateField, countryField, expected) => {
    expect(zoneForAddress({ city: cityField, state: stateField, country: countryField })).toEqual(expected);
  });

  it('never throws on what Zoho or a content script might hand it', () => {
    const odd = [{}, { country: 42 }, { city: { name: 'Berlin' } }, { state: ['CA'] }, { country: '\u0000\u0001' }];
    for (const address of odd) {
      expect(() => zoneForAddress(address as Parameters<typeof zoneForAddress>[0])).not.toThrow();
      expect(zoneForAddress(address as Parameters<typeof zoneForAddress>[0])).toBeNull();
    }
    expect(() => zoneForAddress(null as unknown as Parameters<typeof zoneForAddress>[0])).not.toThrow();
  });

  it('finds every city of the table in its own country and state', () => {
    for (const [cityCountry, cityState, zone, list] of cities) {
      for (const name of names(list)) {
        const found = zoneForAddress({ city: name, state: cityState, country: cityCountry });
        expect(found, `${name}, ${cityState}, ${cityCountry}`).toEqual({ timeZone: zone, confidence: 'city' });
      }
    }
  });
});

describe('normalizePlace', () => {
  it.each([
    ['U.S.A.', 'usa'],
    ['São Paulo', 'saopaulo'],
    ["St. John's", 'saintjohns'],
    ['The Netherlands', 'netherlands'],
    ['Bosnia & Herzegovina', 'bosniaandherzegovina'],
    ['Großbritannien', 'grossbritannien'],
    ['  LOS   angeles ', 'losangeles'],
    ['MT', 'mt'],
  ])('%j → %j', (text, key) => {
    expect(normalizePlace(text)).toBe(key);
  });
});

describe('describeZone', () => {
  const winter = new Date(Date.UTC(2026, 0, 15, 12));
  const summer = new Date(Date.UTC(2026, 6, 15, 12));

  it.each([
    ['America/Los_Angeles', winter, 'en-US', 'PST'],
    ['America/Los_Angeles', summer, 'en-US', 'PDT'],
    ['America/New_York', winter, 'en-US', 'EST'],
    ['America/Phoenix', summer, 'en-US', 'MST'],
    ['Asia/Kolkata', winter, 'en-US', 'GMT+5:30'],
    ['Asia/Kolkata', winter, 'en-IN', 'IST'],
    ['Europe/Berlin', winter, 'de-DE', 'MEZ'],
    ['Europe/Berlin', summer, 'de-DE', 'MESZ'],
    ['Europe/London', winter, 'en-GB', 'GMT'],
    ['Europe/London', summer, 'en-GB', 'BST'],
    ['Australia/Sydney', winter, 'en-AU', 'AEDT'],
    ['Asia/Kathmandu', winter, 'en-US', 'GMT+5:45'],
  ])('%s at %s in %s → %s', (timeZone, date, locale, expected) => {
    expect(describeZone(timeZone, date, locale)).toBe(expected);
  });

  it('takes epoch milliseconds and defaults to now and the runtime locale', () => {
    expect(describeZone('Asia/Tokyo', winter.getTime(), 'en-US')).toBe('GMT+9');
    expect(describeZone('Asia/Tokyo')).not.toBe('');
  });

  it('falls back to the ID for a zone Intl does not know, and to English for a bad locale', () => {
    expect(describeZone('Mars/Olympus_Mons', winter, 'en-US')).toBe('Mars/Olympus_Mons');
    expect(describeZone('America/Los_Angeles', winter, 'not a locale!')).toBe('PST');
  });

  it('describes every zone in the tables', () => {
    for (const zone of allZones) expect(describeZone(zone, winter, 'en-US'), zone).toMatch(/^(GMT([+-]\d{1,2}(:\d{2})?)?|[A-Z]{2,5})$/);
  });
});
