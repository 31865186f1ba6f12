import { describe, expect, it } from 'vitest';
import { activityWhat, eventPayload, notePayload, personPayload, taskPayload } from './payloads';

const REP = '4876876000000225013';
const ANN = '4876876000000333001';
const LEAD = '4876876000000444001';
const DEAL = '4876876000000431001';

describe('notePayload', () => {
  it.each([
    ['a contact', 'Contacts', ANN],
    ['a deal', 'Deals', DEAL],
    ['a lead', 'Leads', LEAD],
  ])('names %s as the parent with its module (Zoho v8 needs both)', (_name, module, id) => {
    expect(notePayload({ module, id }, 'Called Ann.')).toEqual({ Note_Content: 'Called Ann.', Parent_Id: { module: { api_name: module }, id } });
  });

  it('carries a title only when there is one', () => {
    expect(notePayload({ module: 'Deals', id: DEAL }, 'x', 'Stagecoach: stage A → B')).toMatchObject({ Note_Title: 'Stagecoach: stage A → B' });
    expect(notePayload({ module: 'Deals', id: DEAL }, 'x', '')).not.toHaveProperty('Note_Title');
  });
});

describe('eventPayload', () => {
  const base = { title: 'Demo', start: '2026-12-07T10:00:00-08:00', end: '2026-12-07T10:30:00-08:00', ownerId: REP, sendInvitation: true };

  it.each([
    [
      'a contact, booked from their own page',
      { person: { module: 'Contacts' as const, id: ANN } },
      { Participants: [{ type: 'contact', participant: ANN }], Who_Id: { id: ANN } },
      ['What_Id', '$se_module'],
    ],
    [
      "a deal's contact, booked from the deal",
      { person: { module: 'Contacts' as const, id: ANN }, dealId: DEAL },
      { Participants: [{ type: 'contact', participant: ANN }], Who_Id: { id: ANN }, What_Id: { id: DEAL }, $se_module: 'Deals' },
      [],
    ],
    [
      'a lead (never a Who_Id: the lead is the "what")',
      { person: { module: 'Leads' as const, id: LEAD } },
      { Participants: [{ type: 'lead', participant: LEAD }], What_Id: { id: LEAD }, $se_module: 'Leads' },
      ['Who_Id'],
    ],
    [
      'a lead, booked from a deal',
      { person: { module: 'Leads' as const, id: LEAD }, dealId: DEAL },
      { Participants: [{ type: 'lead', participant: LEAD }], What_Id: { id: DEAL }, $se_module: 'Deals' },
      ['Who_Id'],
    ],
  ])('a meeting with %s', (_name, extra, expected, absent) => {
    const payload = eventPayload({ ...base, ...extra });
    expect(payload).toMatchObject({ Event_Title: 'Demo', Start_DateTime: base.start, End_DateTime: base.end, Owner: { id: REP }, ...expected });
    for (const key of absent) expect(payload).not.toHaveProperty(key);
  });

  // Zoho's key is `$send_notification` (its SDK samples on Events); `Send_Notification` is no field.
  it.each([
    [true, { $send_notification: true }],
    [false, {}],
  ])('invitation asked: %s → %o, never Send_Notification', (sendInvitation, expected) => {
    const payload = eventPayload({ ...base, sendInvitation, person: { module: 'Contacts', id: ANN } });
    expect(payload).not.toHaveProperty('Send_Notification');
    if (sendInvitation) expect(payload).toMatchObject(expected);
    else expect(payload).not.toHaveProperty('$send_notification');
  });

  it('adds venue and description only when given', () => {
    const bare = eventPayload({ ...base, person: { module: 'Contacts', id: ANN } });
    expect(bare).not.toHaveProperty('Venue');
    expect(bare).not.toHaveProperty('Description');
    expect(eventPayload({ ...base, person: { module: 'Contacts', id: ANN }, venue: 'Zoom', description: 'Agenda' })).toMatchObject({ Venue: 'Zoom', Description: 'Agenda' });
  });
});

describe('taskPayload', () => {
  it('is a not-started task for its owner, tied to a deal and its contact', () => {
    expect(taskPayload({ subject: 'Send the proposal', dueDate: '2026-12-08', ownerId: REP, priority: 'High', contactId: ANN, what: { module: 'Deals', id: DEAL } })).toEqual({
      Subject: 'Send the proposal',
      Due_Date: '2026-12-08',
      Status: 'Not Started',
      Owner: { id: REP },
      Priority: 'High',
      Who_Id: { id: ANN },
      What_Id: { id: DEAL },
      $se_module: 'Deals',
    });
  });

  it('leaves out what it does not have', () => {
    expect(taskPayload({ subject: 'Call back', dueDate: '2026-12-08', ownerId: REP, contactId: null, what: null })).toEqual({
      Subject: 'Call back',
      Due_Date: '2026-12-08',
      Status: 'Not Started',
      Owner: { id: REP },
    });
  });
});

describe('activityWhat', () => {
  it.each([
    [{ module: 'Contacts' as const, id: ANN }, undefined, null],
    [{ module: 'Contacts' as const, id: ANN }, DEAL, { module: 'Deals', id: DEAL }],
    [{ module: 'Leads' as const, id: LEAD }, undefined, { module: 'Leads', id: LEAD }],
    [{ module: 'Leads' as const, id: LEAD }, DEAL, { module: 'Deals', id: DEAL }],
  ])('%o from deal %s → %o', (person, dealId, expected) => {
    expect(activityWhat(person, dealId)).toEqual(expected);
  });
});

describe('personPayload', () => {
  it('gives a lead a company: the one typed, else the email domain', () => {
    expect(personPayload('Leads', { email: 'maria@lopez.example', lastName: 'Lopez', firstName: 'María' })).toEqual({
      Last_Name: 'Lopez',
      First_Name: 'María',
      Email: 'maria@lopez.example',
      Company: 'lopez.example',
    });
    expect(personPayload('Leads', { email: 'maria@lopez.example', lastName: 'Lopez', company: 'López SA' })).toMatchObject({ Company: 'López SA' });
  });

  it('gives a contact no company field (Account_Name is a lookup, not text)', () => {
    expect(personPayload('Contacts', { email: 'ann@acme.com', lastName: 'Carter', phone: '+1 213 555 0147' })).toEqual({ Last_Name: 'Carter', Email: 'ann@acme.com', Phone: '+1 213 555 0147' });
  });
});
