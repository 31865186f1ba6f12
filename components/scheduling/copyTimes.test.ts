// "Copy 3 times": the proposals come from the good slots (inside both days, or the nearest when
// none is), one a day, and each line names the contact's time and zone with the rep's beside it.
import { describe, expect, it } from 'vitest';
import { planContactDay } from '@/lib/scheduling/contactDay';
import { findFreeSlots, type WorkingHours } from '@/lib/scheduling/slots';
import { formatForEmail, proposeSlots } from './time';

const office = [{ start: '09:00', end: '17:00' }];
const weekdays: WorkingHours = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };
const slotsIn = (timeZone: string, start: string, end: string) =>
  findFreeSlots({ window: { start, end }, busy: [], timeZone, workingHours: weekdays, durationMinutes: 30, now: start });
const en = { locale: 'en-US', hour12: true };
/** ICU's narrow no-break spaces, as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0\u2009]/g, ' ');

describe('formatForEmail', () => {
  it('names the contact’s time and zone, then the rep’s with its date when the date differs (the issue’s 12:30 AM case reversed)', () => {
    const ms = Date.parse('2026-12-08T09:00:00+05:30'); // Kolkata Tuesday morning
    expect(plain(formatForEmail(ms, 'America/Los_Angeles', en, 'Asia/Kolkata'))).toBe('Mon, Dec 7, 7:30 PM PST (Tue, Dec 8, 9:00 AM GMT+5:30)');
    expect(plain(formatForEmail(Date.parse('2026-12-08T14:30:00+05:30'), 'Europe/London', en, 'Asia/Kolkata'))).toBe('Tue, Dec 8, 9:00 AM GMT (2:30 PM GMT+5:30)');
  });
  it('writes one zone when the rep’s is the same or not given, in the locale and Zoho’s clock', () => {
    const ms = Date.parse('2026-12-08T09:00:00Z');
    expect(plain(formatForEmail(ms, 'Europe/London', en))).toBe('Tue, Dec 8, 9:00 AM GMT');
    expect(plain(formatForEmail(ms, 'Europe/London', en, 'Europe/London'))).toBe('Tue, Dec 8, 9:00 AM GMT');
    expect(plain(formatForEmail(ms, 'Europe/Berlin', { locale: 'de', hour12: false }, 'Asia/Kolkata'))).toBe('Di., 8. Dez., 10:00 MEZ (14:30 GMT+5:30)');
  });
});

describe('proposeSlots from the good ones', () => {
  it('Kolkata ↔ London: three of the slots inside both days, one a day', () => {
    const slots = slotsIn('Asia/Kolkata', '2026-12-07T00:00:00+05:30', '2026-12-12T00:00:00+05:30');
    const plan = planContactDay(slots, 'Europe/London');
    const picked = proposeSlots(plan.first, 'Europe/London', 3, () => true);
    expect(picked.map((slot) => slot.start)).toEqual(['2026-12-07T14:30:00+05:30', '2026-12-08T14:30:00+05:30', '2026-12-09T14:30:00+05:30']);
  });
  it('Kolkata ↔ Los Angeles: no overlap, so three of the nearest (her evening), never her small hours', () => {
    const slots = slotsIn('Asia/Kolkata', '2026-12-07T00:00:00+05:30', '2026-12-12T00:00:00+05:30');
    const plan = planContactDay(slots, 'America/Los_Angeles');
    const picked = proposeSlots(plan.first, 'America/Los_Angeles', 3, () => true);
    const lines = picked.map((slot) => plain(formatForEmail(Date.parse(slot.start), 'America/Los_Angeles', en, 'Asia/Kolkata')));
    expect(lines).toEqual([
      'Mon, Dec 7, 7:30 PM PST (Tue, Dec 8, 9:00 AM GMT+5:30)',
      'Tue, Dec 8, 7:30 PM PST (Wed, Dec 9, 9:00 AM GMT+5:30)',
      'Wed, Dec 9, 7:30 PM PST (Thu, Dec 10, 9:00 AM GMT+5:30)',
    ]);
  });
});
