// The one read of a record per page: the panel's summary, the scheduling service's address and the
// stage card's deal ask the same fields, so one call serves all of them.
import { describe, expect, it } from 'vitest';
import { DEAL_FIELDS } from '../suggestions/facts';
import { recordReadQuery } from './recordReads';

describe('recordReadQuery', () => {
  it('reads every field the stage card needs with the deal', () => {
    const fields = recordReadQuery('Deals').fields!.split(',');
    for (const field of DEAL_FIELDS.split(',')) expect(fields).toContain(field);
    // What the summary shows: the name, the owner, the deal's contact.
    expect(fields).toEqual(expect.arrayContaining(['Deal_Name', 'Owner', 'Contact_Name']));
  });

  it.each(['Contacts', 'Leads'])('reads a person with the address their time zone comes from (%s)', (module) => {
    const fields = recordReadQuery(module).fields!.split(',');
    expect(fields).toEqual(expect.arrayContaining(['Full_Name', 'Owner', 'Mailing_Country', 'Mailing_State', 'Mailing_City', 'Country', 'State', 'City']));
  });

  it('asks for no fields where it knows none', () => {
    expect(recordReadQuery('Events')).toEqual({});
  });
});
