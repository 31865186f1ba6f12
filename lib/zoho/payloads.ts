// The one place each Zoho record we write is shaped: Notes, Tasks, Events and people (Leads,
// Contacts). Field names are Zoho API v8's (reference/zoho-api.md; the SDK's Field.<Module>).

export interface RecordRef {
  module: string;
  id: string;
}

/** A note on any record (`Parent_Id` names its module, as Zoho v8 requires). */
export function notePayload(parent: RecordRef, content: string, title?: string): Record<string, unknown> {
  return {
    ...(title ? { Note_Title: title } : {}),
    Note_Content: content,
    Parent_Id: { module: { api_name: parent.module }, id: parent.id },
  };
}

/** The "what" of an activity: a deal, or a lead (a lead cannot be a `Who_Id`). */
export function whatFields(what: RecordRef | null | undefined): Record<string, unknown> {
  return what ? { What_Id: { id: what.id }, $se_module: what.module } : {};
}

export interface TaskFields {
  subject: string;
  dueDate: string;
  ownerId: string;
  priority?: string;
  description?: string;
  /** A contact (`Who_Id`). */
  contactId?: string | null;
  what?: RecordRef | null;
}

export function taskPayload(task: TaskFields): Record<string, unknown> {
  return {
    Subject: task.subject,
    Due_Date: task.dueDate,
    Status: 'Not Started',
    Owner: { id: task.ownerId },
    ...(task.priority ? { Priority: task.priority } : {}),
    ...(task.description ? { Description: task.description } : {}),
    ...(task.contactId ? { Who_Id: { id: task.contactId } } : {}),
    ...whatFields(task.what),
  };
}

export interface EventFields {
  title: string;
  start: string;
  end: string;
  ownerId: string;
  /** The person met: a contact or a lead, also listed as a participant. */
  person: { module: 'Contacts' | 'Leads'; id: string };
  dealId?: string;
  venue?: string;
  description?: string;
  sendInvitation: boolean;
}

export function eventPayload(event: EventFields): Record<string, unknown> {
  const { person } = event;
  return {
    Event_Title: event.title,
    Start_DateTime: event.start,
    End_DateTime: event.end,
    Owner: { id: event.ownerId },
    Participants: [{ type: person.module === 'Leads' ? 'lead' : 'contact', participant: person.id }],
    // Zoho's key for "send the invitation", not a field (Events has no Send_Notification: the SDK's
    // Field.Events; Zoho's SDK samples set `$send_notification: true` on Events). Sent only when
    // asked, so a booking without an invitation carries no key Zoho might read another way.
    ...(event.sendInvitation ? { $send_notification: true } : {}),
    ...(event.venue ? { Venue: event.venue } : {}),
    ...(event.description ? { Description: event.description } : {}),
    ...(person.module === 'Contacts' ? { Who_Id: { id: person.id } } : {}),
    ...whatFields(activityWhat(person, event.dealId)),
  };
}

/** A meeting or task belongs to one "what": the deal it came from, else the lead itself. */
export function activityWhat(person: { module: 'Contacts' | 'Leads'; id: string }, dealId?: string): RecordRef | null {
  if (dealId) return { module: 'Deals', id: dealId };
  return person.module === 'Leads' ? { module: 'Leads', id: person.id } : null;
}

export interface PersonFields {
  email: string;
  lastName: string;
  firstName?: string;
  company?: string;
  phone?: string;
}

export function personPayload(module: 'Leads' | 'Contacts', person: PersonFields): Record<string, unknown> {
  return {
    Last_Name: person.lastName,
    Email: person.email,
    ...(person.firstName ? { First_Name: person.firstName } : {}),
    ...(person.phone ? { Phone: person.phone } : {}),
    // Zoho requires a company on Leads; the email's domain is the honest best guess.
    ...(module === 'Leads' ? { Company: person.company || person.email.split('@')[1] || person.lastName } : {}),
  };
}
