// Which records a create made, by the marker the outbox writes into them (issue 11, finding 6):
// a record is ours only when one of its lines is exactly the item's marker line and it was created
// by the connected user. Look-alikes — the marker quoted in a sentence, with more characters, or
// another user's record carrying it — are never taken for ours (and so never deleted as duplicates).
import { describe, expect, it } from 'vitest';
import { findMarked, marker, markerLookup, withMarker, type WriteModule } from './writes';

const KEY = '5f0c3a52-8d7e-4c8e-9b1a-2f6d3c4b5a69';
const ME = '4876876000000225001';
const SOMEONE_ELSE = '4876876000000225013';

/** A candidate as Zoho lists it: related lists give the creator as {name, id, email}, COQL as {id}. */
const row = (id: string, text: unknown, createdBy: unknown = { id: ME, name: 'Rep', email: 'rep@example.com' }) => ({ id, Note_Content: text, Description: text, Created_By: createdBy });

describe('findMarked', () => {
  const table: Array<[name: string, candidate: ReturnType<typeof row>, ours: boolean]> = [
    ['the marker on its own last line, as withMarker writes it', row('1', `Budget approved.\n\n${marker(KEY)}`), true],
    ['the marker as the whole text (nothing else was typed)', row('2', marker(KEY)), true],
    ['the marker line with Windows line ends', row('3', `Budget approved.\r\n\r\n${marker(KEY)}\r\n`), true],
    ['the creator as COQL gives it (id only)', row('4', `x\n\n${marker(KEY)}`, { id: ME }), true],
    ['the marker inside a sentence', row('10', `We copied ${marker(KEY)} from the other note.`), false],
    ['the marker quoted at the start of a longer line', row('11', `${marker(KEY)} was the old marker`), false],
    ['the marker with extra characters after it', row('12', `Budget approved.\n\n${marker(KEY)}0`), false],
    ['the marker with extra characters before it', row('13', `Budget approved.\n\nx${marker(KEY)}`), false],
    ['another item’s marker that starts with this key', row('14', `Budget approved.\n\n${marker(`${KEY}-2`)}`), false],
    ['the exact marker line, but created by another user', row('15', `Budget approved.\n\n${marker(KEY)}`, { id: SOMEONE_ELSE, name: 'Manager' }), false],
    ['the exact marker line, creator not given', { ...row('16', `Budget approved.\n\n${marker(KEY)}`), Created_By: undefined }, false],
    ['the exact marker line, creator unreadable', row('17', `Budget approved.\n\n${marker(KEY)}`, 'Rep'), false],
    ['no text at all', row('18', null), false],
  ];
  for (const module of ['Notes', 'Tasks', 'Events'] as WriteModule[]) {
    for (const [name, candidate, ours] of table) {
      it(`${module}: ${name} → ${ours ? 'ours' : 'not ours'}`, () => {
        expect(findMarked(module, KEY, ME, { data: [candidate] })).toEqual(ours ? [candidate.id] : []);
      });
    }
  }

  it('finds every one of ours among look-alikes, in Zoho’s order', () => {
    const candidates = { data: table.map(([, candidate]) => candidate) };
    expect(findMarked('Notes', KEY, ME, candidates)).toEqual(['1', '2', '3', '4']);
  });

  it('what withMarker writes is found, for every module', () => {
    for (const module of ['Notes', 'Tasks', 'Events', 'Leads', 'Contacts', 'Deals'] as WriteModule[]) {
      const written = withMarker(module, { Description: 'typed', Note_Content: 'typed' }, KEY);
      const candidate = { id: '7', ...written, Created_By: { id: ME } };
      expect(findMarked(module, KEY, ME, { data: [candidate] }), module).toEqual(['7']);
    }
  });
});

describe('markerLookup reads the creator with the marker', () => {
  it('Notes: the related list’s fields include Created_By', () => {
    const lookup = markerLookup('Notes', { Note_Content: 'x', Parent_Id: { module: { api_name: 'Deals' }, id: '42' } }, 0);
    expect(lookup.page(1).init.query?.fields?.split(',')).toEqual(['Note_Content', 'Created_By']);
  });

  it('other modules: the COQL select includes Created_By', () => {
    for (const module of ['Tasks', 'Events', 'Leads', 'Contacts', 'Deals'] as WriteModule[]) {
      const query = (markerLookup(module, {}, 0).page(1).init.body as { select_query: string }).select_query;
      expect(query, module).toMatch(/^select id, \w+, Created_By from /);
    }
  });
});
