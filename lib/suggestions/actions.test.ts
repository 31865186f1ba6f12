// Action items from notes: which sentences commit us to something, the task subject, and due
// dates resolved in the user's zone from the day the note was written there.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { findActionItems, resolveDue } from './actions';
import { input, note } from './testing';

type Row = [name: string, content: string, createdTime: string, timeZone: string, expected: Array<[subject: string, due: string, priority: 'High' | 'Normal']>];

const items = (content: string, createdTime: string, timeZone: string, ownerName = 'Priya Raman') =>
  findActionItems(input({ notes: [note(content, createdTime, { ownerName })], timeZone })).map((item) => [item.subject, item.dueDate, item.priority]);

describe('action items', () => {
  const rows: Row[] = [
    [
      'a request, "by Friday", written on a Wednesday evening in Kolkata',
      'JoAnn pushed back on the per-unit price. She asked us to send the proposal by Friday so she can take it to the Monday procurement meeting.',
      '2026-11-18T21:40:00+05:30', 'Asia/Kolkata',
      [['Send the proposal', '2026-11-20', 'High']],
    ],
    [
      'the same note read in New York, where it was still Wednesday morning',
      'She asked us to send the proposal by Friday.',
      '2026-11-18T21:40:00+05:30', 'America/New_York',
      [['Send the proposal', '2026-11-20', 'Normal']],
    ],
    [
      '"by Friday" late on Friday evening in Los Angeles (already Saturday in UTC) is that Friday',
      'Then send us the revised MSA by Friday and we will turn it around in two days.',
      '2026-11-20T21:30:00-08:00', 'America/Los_Angeles',
      [['Send the revised MSA', '2026-11-20', 'Normal']],
    ],
    [
      'and "tomorrow" in that note is Saturday the 21st',
      'Call him back tomorrow.',
      '2026-11-20T21:30:00-08:00', 'America/Los_Angeles',
      [['Call him back', '2026-11-21', 'Normal']],
    ],
    [
      'read in UTC, the same note is Saturday’s: "by Friday" is the next Friday',
      'Then send us the revised MSA by Friday.',
      '2026-11-20T21:30:00-08:00', 'UTC',
      [['Send the revised MSA', '2026-11-27', 'Normal']],
    ],
    [
      '"this week" is that week’s Friday',
      'Demo went well; Oliver liked the excursion alerts. Grace declined the invite. Call him back this week.',
      '2026-11-19T17:05:00+05:30', 'Asia/Kolkata',
      [['Call him back', '2026-11-20', 'Normal']],
    ],
    [
      'a promise by the note’s owner in a transcript; the default is three working days (Friday → Wednesday)',
      '[00:04:12] JoAnn Whitfield: And pricing is per vehicle per month, fixed for three years?\n[00:04:20] Priya Raman: Fixed for three years, yes. I will put that in writing.',
      '2026-11-20T21:40:00+05:30', 'Asia/Kolkata',
      [['Put that in writing', '2026-11-25', 'Normal']],
    ],
    [
      'another speaker’s promise is theirs; their request of us is ours ("next Wednesday" is in the next week)',
      '[00:13:48] Nadia Rahman: That is within what we planned.\n[00:14:32] Nadia Rahman: Good. Please send us a formal proposal with that pricing by next Wednesday; I will take it to our buying committee.',
      '2026-11-20T16:10:00-05:00', 'America/New_York',
      [['Send a formal proposal with that pricing', '2026-11-25', 'High']],
    ],
    [
      '"Next step:" with no date',
      'Budget approved for the full rollout. Next step: discovery session with the ops leads to size the installation schedule.',
      '2026-11-17T20:05:00-05:00', 'America/New_York',
      [['Discovery session with the ops leads to size the installation schedule', '2026-11-20', 'Normal']],
    ],
    [
      'nothing to do: third persons, expectations, nouns at the start',
      'No budget confirmed yet – she will raise it with the CFO at the quarterly review. Expect redlines within the week. Review of the trial went well.',
      '2026-11-17T20:05:00-05:00', 'America/New_York',
      [],
    ],
    [
      'urgent: the next working day when no date is given',
      'Urgent: send the signed order form to finance.',
      '2026-11-20T09:00:00+00:00', 'Europe/London',
      [['Send the signed order form to finance', '2026-11-23', 'High']],
    ],
    [
      'a month and day; "before Friday" is Thursday',
      'Send Marcus the case study on Nov 25. Email JoAnn the revised quote before Friday.',
      '2026-11-18T10:00:00-08:00', 'America/Los_Angeles',
      [['Send Marcus the case study', '2026-11-25', 'Normal'], ['Email JoAnn the revised quote', '2026-11-19', 'Normal']],
    ],
    [
      'the second week of January, across the year end',
      'She was explicit that this is not a no, and she asked us to call her in the second week of January to restart.',
      '2026-11-17T10:00:00-05:00', 'America/New_York',
      [['Call her to restart', '2027-01-14', 'Normal']],
    ],
    [
      'a question asking us, by the end of the month',
      'Can you send the pricing by the end of the month?',
      '2026-11-03T10:00:00+01:00', 'Europe/Berlin',
      [['Send the pricing', '2026-11-30', 'Normal']],
    ],
    [
      'working days over a weekend; the same task once',
      'Book a follow-up demo within 3 working days. Book a follow-up demo within 3 working days.',
      '2026-11-19T10:00:00+10:00', 'Australia/Sydney',
      [['Book a follow-up demo', '2026-11-24', 'Normal']],
    ],
  ];
  it.each(rows)('%s', (_, content, createdTime, timeZone, expected) => {
    expect(items(content, createdTime, timeZone)).toEqual(expected);
  });

  it('keeps the sentence and points at the note', () => {
    const source = note('She asked us to send the proposal by Friday.', '2026-11-18T21:40:00+05:30', { id: '553004' });
    const [item] = findActionItems(input({ notes: [source], timeZone: 'Asia/Kolkata' }));
    expect(item).toEqual({ id: '553004:0', subject: 'Send the proposal', dueDate: '2026-11-20', priority: 'Normal', sentence: 'She asked us to send the proposal by Friday.', noteId: '553004' });
  });

  it('skips notes Stagecoach wrote', () => {
    const audit = note('Stage changed: Qualification → Needs Analysis\nNext step: send the proposal by Friday.\n\nstagecoach:approve-1', '2026-11-18T10:00:00Z');
    expect(findActionItems(input({ notes: [audit] }))).toEqual([]);
  });

  it('keeps subjects within Zoho’s 255 characters', () => {
    const [item] = findActionItems(input({ notes: [note(`Next step: ${'prepare the rollout plan for every depot and region '.repeat(8)}`, '2026-11-18T10:00:00Z')] }));
    expect(item!.subject.length).toBeLessThanOrEqual(255);
  });
});

describe('due dates', () => {
  const wednesday = Temporal.PlainDate.from('2026-11-18');
  it.each([
    ['by Friday', '2026-11-20'],
    ['by Wednesday', '2026-11-18'],
    ['on Monday', '2026-11-23'],
    ['before Wednesday', '2026-11-24'],
    ['this Monday', '2026-11-23'],
    ['this Friday', '2026-11-20'],
    ['next Friday', '2026-11-27'],
    ['by next Monday', '2026-11-23'],
    ['today', '2026-11-18'],
    ['by end of day', '2026-11-18'],
    ['tomorrow', '2026-11-19'],
    ['the day after tomorrow', '2026-11-20'],
    ['this week', '2026-11-20'],
    ['by the end of the week', '2026-11-20'],
    ['next week', '2026-11-27'],
    ['within the week', '2026-11-25'],
    ['in two days', '2026-11-20'],
    ['within 10 business days', '2026-12-02'],
    ['in 2 weeks', '2026-12-02'],
    ['by the end of the month', '2026-11-30'],
    ['by December 3rd', '2026-12-03'],
    ['by 3 Dec', '2026-12-03'],
    ['on 2027-01-05', '2027-01-05'],
    ['by Jan 8', '2027-01-08'],
    ['by Nov 2', '2027-11-02'],
    ['the last week of February', '2027-02-28'],
    ['the last week of November', '2026-11-30'],
    ['the second week of November', '2027-11-14'],
    ['to the Monday procurement meeting', null],
    ['soon', null],
  ] as const)('%s (said on Wednesday 2026-11-18)', (text, expected) => {
    expect(resolveDue(`Send it ${text}.`, wednesday)?.toString() ?? null).toBe(expected);
  });
});
