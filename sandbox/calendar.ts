// The org's business hours and holidays (GET /settings/business_hours, GET /settings/holidays), in
// the shapes of zoho-oas-v8's business_hours.json and holidays.json and the samples of Zoho's "Get
// Business Hours" page. Holidays are laid out around the seed day, like the seeded activities.
import { ORG_TIME_ZONE } from './seed';
import { addDays, dateInZone, weekday } from './time';

/**
 * Mon–Fri 09:00–18:00, the same every day (`custom`, `same_as_everyday`). `custom_timing` is an
 * empty list: Zoho's page samples show null, business_hours.json requires an array (the OAS wins
 * here; the product reads both).
 */
export function businessHours(): Record<string, unknown> {
  return {
    business_days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'],
    custom_timing: [],
    daily_timing: ['09:00', '18:00'],
    week_starts_on: 'Monday',
    same_as_everyday: true,
    id: '4876876000000338110',
    type: 'custom',
  };
}

/**
 * UNCONFIRMED: `shift_hour` of a business holiday. holidays.json requires the key (an object with
 * name and id) for every holiday; Zoho's samples of business holidays do not show it. Answered as
 * the org's default "shift" here so the answer validates: `{name: "Business Hours", id}`.
 */
export const BUSINESS_HOURS_SHIFT = { name: 'Business Hours', id: '4876876000000338110' };

export interface SandboxHoliday {
  id: string;
  name: string;
  date: string;
  year: number;
  type: 'business_holiday' | 'shift_holiday';
  shift_hour: { name: string; id: string };
}

/**
 * The org's holidays: "Founders' Day" on the first Wednesday at least six days after the seed day
 * (in the org's zone: inside the next two weeks, never the rep's Friday off, never tomorrow), New
 * Year's Day of the seed year and the next, and a shift holiday of a night shift (not the org's).
 */
export function holidays(seededAt: number): SandboxHoliday[] {
  const today = dateInZone(seededAt, ORG_TIME_ZONE);
  let founders = addDays(today, 6);
  while (weekday(founders) !== 3) founders = addDays(founders, 1);
  const year = Number(today.slice(0, 4));
  const rows: Omit<SandboxHoliday, 'year'>[] = [
    { id: '4876876000000912001', name: 'New Year', date: `${year}-01-01`, type: 'business_holiday', shift_hour: BUSINESS_HOURS_SHIFT },
    { id: '4876876000000912003', name: "Founders' Day", date: founders, type: 'business_holiday', shift_hour: BUSINESS_HOURS_SHIFT },
    { id: '4876876000000912005', name: 'Night shift maintenance', date: addDays(founders, 1), type: 'shift_holiday', shift_hour: { name: 'Night shift', id: '4876876000000911001' } },
    { id: '4876876000000912007', name: 'New Year', date: `${year + 1}-01-01`, type: 'business_holiday', shift_hour: BUSINESS_HOURS_SHIFT },
  ];
  return rows.map((row) => ({ ...row, year: Number(row.date.slice(0, 4)) })).sort((a, b) => a.date.localeCompare(b.date));
}
