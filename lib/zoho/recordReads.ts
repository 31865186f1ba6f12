// The one read of a record per page (issue 12): the panel's record summary, the contact's zone
// from their address and the stage card's deal ask Zoho the same `GET /{module}/{id}?fields=…`,
// so reads made together are one call (the client shares identical reads in flight) and what
// one keeps in the record cache serves the others.

/** A person's fields read with the record: name, owner and the address their time zone comes from. */
const PERSON = ['Full_Name', 'First_Name', 'Last_Name', 'Email', 'Owner', 'Mailing_Country', 'Mailing_State', 'Mailing_City', 'Country', 'State', 'City'];

const FIELDS: Record<string, readonly string[]> = {
  Contacts: PERSON,
  Leads: [...PERSON, 'Company'],
  // Everything the stage card reads (suggestions/facts.ts DEAL_FIELDS, checked in recordReads.test.ts) and the summary's.
  Deals: ['Deal_Name', 'Stage', 'Pipeline', 'Amount', 'Closing_Date', 'Owner', 'Contact_Name', 'Next_Step', 'Created_Time', 'Modified_Time'],
  Accounts: ['Account_Name', 'Owner', 'Billing_Country', 'Billing_State', 'Billing_City'],
};

/** The query of a record's one read: `{ fields }` for the modules the panel shows, none otherwise. */
export function recordReadQuery(module: string): Record<string, string> {
  const fields = FIELDS[module];
  return fields ? { fields: fields.join(',') } : {};
}
