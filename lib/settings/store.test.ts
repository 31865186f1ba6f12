import { describe, expect, it } from 'vitest';
import { CURRENT_SETTINGS_VERSION, type StoredSettingsRow } from './migrations';
import { teamOf } from './team';
import { defaultSettings } from './schema';
import { createSettingsStore, type SettingsRow } from './store';

/** The store's storage in memory, as slow as a real one (each call yields to the event loop). */
function memory(initial: StoredSettingsRow | null = null, policy: () => Promise<unknown> = async () => ({})) {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  const state = { row: structuredClone(initial), writes: [] as SettingsRow[], policy };
  const store = createSettingsStore({
    async read() {
      await tick();
      return structuredClone(state.row);
    },
    async write(row) {
      await tick();
      state.row = structuredClone(row);
      state.writes.push(structuredClone(row));
    },
    readPolicy: () => state.policy(),
  });
  return { store, state };
}

describe('settings store', () => {
  it('nothing stored: the defaults, nothing written', async () => {
    const { store, state } = memory();
    expect(await store.load()).toEqual({ settings: defaultSettings(), locked: [], ignored: [], own: defaultSettings() });
    expect(state.writes).toEqual([]);
  });

  it('save then load: a round trip', async () => {
    const { store, state } = memory();
    const saved = await store.save({ slotMinutes: 45, workingHours: { sat: [{ start: '10:00', end: '14:00' }] } });
    const expected = { ...defaultSettings(), slotMinutes: 45, workingHours: { ...defaultSettings().workingHours, sat: [{ start: '10:00', end: '14:00' }] } };
    expect(saved).toEqual({ ok: true, settings: expected, locked: [], ignored: [], own: expected });
    expect(state.row).toEqual({ version: CURRENT_SETTINGS_VERSION, values: expected });
    expect(await store.load()).toEqual({ settings: expected, locked: [], ignored: [], own: expected });
  });

  it('an invalid patch: the issues, nothing written', async () => {
    const { store, state } = memory();
    expect(await store.save({ workingHours: { mon: [{ start: '09:00', end: '08:00' }] }, daysAhead: 91 })).toEqual({
      ok: false,
      issues: [
        { path: 'workingHours.mon.0.end', code: 'endNotAfterStart' },
        { path: 'daysAhead', code: 'outOfRange', params: ['1', '90'] },
      ],
    });
    expect(await store.save('slotMinutes=45')).toEqual({ ok: false, issues: [{ path: '', code: 'invalidType', params: ['object'] }] });
    expect(state.writes).toEqual([]);
  });

  it('a version-1 row is migrated and written back once', async () => {
    const { store, state } = memory({ version: 1, values: { slotLength: 60, buffer: 5, features: { checkExisting: false } } });
    const first = await store.load();
    expect([first.settings.slotMinutes, first.settings.bufferAfterMinutes, first.settings.features.lookupBeforeBooking]).toEqual([60, 5, false]);
    expect(state.writes).toEqual([{ version: CURRENT_SETTINGS_VERSION, values: first.settings }]);
    expect(await store.load()).toEqual(first);
    expect(state.writes).toHaveLength(1);
  });

  it('a current row with junk is repaired and written back once', async () => {
    const { store, state } = memory({ version: CURRENT_SETTINGS_VERSION, values: { ...defaultSettings(), daysAhead: 'soon', daysBehind: 3 } });
    expect((await store.load()).settings).toEqual(defaultSettings());
    await store.load();
    expect(state.writes).toEqual([{ version: CURRENT_SETTINGS_VERSION, values: defaultSettings() }]);
  });

  it('a row from a newer build is read but not overwritten by loading', async () => {
    const newer = { version: CURRENT_SETTINGS_VERSION + 1, values: { ...defaultSettings(), slotMinutes: 25, videoLinks: true } };
    const { store, state } = memory(newer);
    expect((await store.load()).settings.slotMinutes).toBe(25);
    expect(state.writes).toEqual([]);
    expect(state.row).toEqual(newer);
  });

  it('applies the policy, refuses changes to locked values, keeps the user’s own value underneath', async () => {
    let policy: unknown = { features: { booking: false }, clientId: '1000.ORG' };
    const { store, state } = memory({ version: CURRENT_SETTINGS_VERSION, values: { ...defaultSettings(), oauth: { clientId: '1000.MINE', clientSecret: null } } }, async () => policy);

    const loaded = await store.load();
    expect(loaded.locked).toEqual(['features.booking', 'oauth.clientId']);
    expect([loaded.settings.features.booking, loaded.settings.oauth.clientId]).toEqual([false, '1000.ORG']);

    expect(await store.save({ features: { booking: true } })).toEqual({ ok: false, issues: [{ path: 'features.booking', code: 'locked' }] });
    expect(await store.save({ oauth: { clientId: '1000.OTHER' }, slotMinutes: 45 })).toEqual({ ok: false, issues: [{ path: 'oauth.clientId', code: 'locked' }] });
    expect(state.writes).toEqual([]);

    // The options page sends back everything it shows, locked values included, with one change.
    const saved = await store.save({ ...loaded.settings, daysAhead: 21 });
    expect(saved).toMatchObject({ ok: true, locked: ['features.booking', 'oauth.clientId'] });
    expect(state.row?.values).toEqual({ ...defaultSettings(), daysAhead: 21, oauth: { clientId: '1000.MINE', clientSecret: null } });

    policy = {};
    const lifted = await store.load();
    expect([lifted.settings.features.booking, lifted.settings.oauth.clientId, lifted.settings.daysAhead, lifted.locked]).toEqual([true, '1000.MINE', 21, []]);
  });

  it('reports policy values it ignored', async () => {
    const { store } = memory(null, async () => ({ api: { maxConcurrent: 99 }, slotMinutes: 15 }));
    expect(await store.load()).toMatchObject({ settings: { ...defaultSettings(), slotMinutes: 15 }, locked: ['slotMinutes'], ignored: ['api.maxConcurrent'] });
  });

  it('no managed storage (the browser rejects): no policy', async () => {
    const { store } = memory(null, () => Promise.reject(new Error('Managed storage manifest not found')));
    expect(await store.load()).toEqual({ settings: defaultSettings(), locked: [], ignored: [], own: defaultSettings() });
    expect(await store.save({ daysAhead: 7 })).toMatchObject({ ok: true, settings: { daysAhead: 7 } });
  });

  it('two quick saves both land', async () => {
    const { store, state } = memory();
    await Promise.all([store.save({ slotMinutes: 45 }), store.save({ daysAhead: 30 }), store.load()]);
    expect(state.row?.values).toMatchObject({ slotMinutes: 45, daysAhead: 30 });
  });

  it('team settings from Zoho over the user’s own; without them, the own criteria but never the own approvers', async () => {
    const { store } = memory();
    await store.save({ approvers: { profiles: ['Standard'] }, pipelineCriteria: 'mine', slotMinutes: 45 });
    const none = await store.load(null);
    expect(none.settings.approvers).toEqual(defaultSettings().approvers);
    expect(none.settings.pipelineCriteria).toBe('mine');
    expect(none.own.approvers.profiles).toEqual(['Standard']);
    const team = { ...teamOf(defaultSettings()), approvers: { profiles: ['Sales Director'], roles: [] }, pipelineCriteria: 'the team’s' };
    const published = await store.load(team);
    expect(published.settings).toMatchObject({ approvers: team.approvers, pipelineCriteria: 'the team’s', slotMinutes: 45 });
  });

  it('a failed read rejects that call only; the next one runs', async () => {
    let reads = 0;
    const store = createSettingsStore({
      read: async () => {
        reads += 1;
        if (reads === 1) throw new Error('IndexedDB closed');
        return null;
      },
      write: async () => undefined,
      readPolicy: async () => ({}),
    });
    const [first, second] = await Promise.allSettled([store.save({ slotMinutes: 45 }), store.save({ slotMinutes: 50 })]);
    expect(first).toMatchObject({ status: 'rejected', reason: new Error('IndexedDB closed') });
    expect(second).toMatchObject({ status: 'fulfilled', value: { ok: true, settings: { slotMinutes: 50 } } });
  });
});
