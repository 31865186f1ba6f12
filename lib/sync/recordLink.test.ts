import { describe, expect, it } from 'vitest';
import { recordLink, recordOfWrite } from './recordLink';

const us = { dataCentre: 'us' as const, apiDomain: 'https://www.zohoapis.com', org: { id: '1', name: null, zgid: '20104578' } };

describe('where a refused write is fixed', () => {
  it('names the record each write was about', () => {
    expect(recordOfWrite({ op: 'create', module: 'Notes', recordId: null, data: { Parent_Id: { module: { api_name: 'Contacts' }, id: '5725767000000458001' } } })).toEqual({
      module: 'Contacts',
      recordId: '5725767000000458001',
    });
    // A meeting with a contact: the contact; with a lead from a deal: the deal.
    expect(recordOfWrite({ op: 'create', module: 'Events', recordId: null, data: { Who_Id: { id: '11' }, What_Id: { id: '22' }, $se_module: 'Deals' } })).toEqual({ module: 'Contacts', recordId: '11' });
    expect(recordOfWrite({ op: 'create', module: 'Events', recordId: null, data: { What_Id: { id: '22' }, $se_module: 'Deals' } })).toEqual({ module: 'Deals', recordId: '22' });
    expect(recordOfWrite({ op: 'update', module: 'Deals', recordId: '33', data: { Stage: 'Won' } })).toEqual({ module: 'Deals', recordId: '33' });
    // A person not created yet has no page.
    expect(recordOfWrite({ op: 'create', module: 'Leads', recordId: null, data: { Last_Name: 'x' } })).toBeNull();
  });

  it('links to the DC’s CRM pages, or the sandbox’s own origin', () => {
    const note = { op: 'create' as const, module: 'Notes' as const, recordId: null, data: { Parent_Id: { module: { api_name: 'Deals' }, id: '5725767000000458003' } } };
    expect(recordLink(note, us)).toBe('https://crm.zoho.com/crm/org20104578/tab/Potentials/5725767000000458003');
    expect(recordLink(note, { ...us, apiDomain: 'http://localhost:8787' })).toBe('http://localhost:8787/crm/org20104578/tab/Potentials/5725767000000458003');
    expect(recordLink(note, undefined)).toBeNull();
  });
});
