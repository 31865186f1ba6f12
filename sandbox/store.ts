// The sandbox's data: one in-memory store keyed by module, each record kept as Zoho's API JSON.
// Module definitions say how each module is named in URLs and scopes and which fields hold
// emails, phones and the display name; fields.ts says what each field is. The store also keeps
// a stage-change history per deal (Zoho's "Stage History" related list, simplified).
import { FIELDS, MODULE_IDS } from './fields';
import { createSeedData, type SeedData, type StageChange, type ZohoRecord, type ZohoUserJson } from './seed';

export type { StageChange };

export interface ModuleDef {
  /** API name, as in `/crm/v8/{apiName}`. */
  apiName: string;
  /** Name in web UI URLs (`/tab/Potentials` for Deals). */
  tab: string;
  /** Plural label for the UI. */
  label: string;
  singular: string;
  /** Segment of `ZohoCRM.modules.<scopeName>.READ`. */
  scopeName: string;
  /** Field that names a record (a string field). */
  nameField: string;
  emailFields: string[];
  phoneFields: string[];
  /** Whether `/search` is served for it. */
  searchable: boolean;
  /** Zoho's module id (appears in Notes' `Parent_Id.module`). */
  moduleId: string;
  /** Whether the sandbox's web UI has pages for it. */
  ui: boolean;
}

export const MODULES: readonly ModuleDef[] = [
  {
    apiName: 'Contacts', tab: 'Contacts', label: 'Contacts', singular: 'Contact', scopeName: 'contacts',
    nameField: 'Full_Name', emailFields: ['Email', 'Secondary_Email'], phoneFields: ['Phone', 'Mobile', 'Home_Phone', 'Other_Phone', 'Asst_Phone'], searchable: true,
    moduleId: MODULE_IDS.Contacts as string, ui: true,
  },
  {
    apiName: 'Leads', tab: 'Leads', label: 'Leads', singular: 'Lead', scopeName: 'leads',
    nameField: 'Full_Name', emailFields: ['Email', 'Secondary_Email'], phoneFields: ['Phone', 'Mobile'], searchable: true,
    moduleId: MODULE_IDS.Leads as string, ui: true,
  },
  {
    apiName: 'Deals', tab: 'Potentials', label: 'Deals', singular: 'Deal', scopeName: 'deals',
    nameField: 'Deal_Name', emailFields: [], phoneFields: [], searchable: true,
    moduleId: MODULE_IDS.Deals as string, ui: true,
  },
  {
    apiName: 'Accounts', tab: 'Accounts', label: 'Accounts', singular: 'Account', scopeName: 'accounts',
    nameField: 'Account_Name', emailFields: [], phoneFields: ['Phone'], searchable: true,
    moduleId: MODULE_IDS.Accounts as string, ui: true,
  },
  // Activities and notes: API only (the UI shows no pages for them). "Meetings" in Zoho's UI.
  {
    apiName: 'Events', tab: 'Events', label: 'Meetings', singular: 'Meeting', scopeName: 'events',
    nameField: 'Event_Title', emailFields: [], phoneFields: [], searchable: true,
    moduleId: MODULE_IDS.Events as string, ui: false,
  },
  {
    apiName: 'Tasks', tab: 'Tasks', label: 'Tasks', singular: 'Task', scopeName: 'tasks',
    nameField: 'Subject', emailFields: [], phoneFields: [], searchable: true,
    moduleId: MODULE_IDS.Tasks as string, ui: false,
  },
  {
    apiName: 'Notes', tab: 'Notes', label: 'Notes', singular: 'Note', scopeName: 'notes',
    nameField: 'Note_Title', emailFields: [], phoneFields: [], searchable: false,
    moduleId: MODULE_IDS.Notes as string, ui: false,
  },
];

/** The modules the web UI shows as tabs. */
export const UI_MODULES: readonly ModuleDef[] = MODULES.filter((module) => module.ui);


/** Zoho matches module names in URLs without regard to case. */
export function moduleByApiName(name: string): ModuleDef | undefined {
  const lower = name.toLowerCase();
  return MODULES.find((module) => module.apiName.toLowerCase() === lower);
}

export function moduleByTab(tab: string): ModuleDef | undefined {
  return UI_MODULES.find((module) => module.tab === tab);
}

export class Store {
  org!: SeedData['org'];
  users: ZohoUserJson[] = [];
  private records = new Map<string, Map<string, ZohoRecord>>();
  private stageHistory = new Map<string, StageChange[]>();
  private idCounter = 0;
  /** The clock the seed's activities were laid out from (epoch ms). */
  seededAt = 0;

  constructor() {
    this.reset();
  }

  /** Reseeds; activities are laid out around `now` (default: the real clock). */
  reset(now: number = Date.now()): void {
    const seed = createSeedData(now);
    this.seededAt = now;
    this.org = seed.org;
    this.users = seed.users;
    this.records = new Map();
    for (const module of MODULES) this.records.set(module.apiName, new Map());
    for (const [module, rows] of Object.entries(seed.modules)) {
      const table = this.table(module);
      for (const row of rows) table.set(row.id, row);
    }
    this.stageHistory = new Map();
    for (const [dealId, history] of Object.entries(seed.stageHistory)) this.stageHistory.set(dealId, history);
    this.idCounter = 0;
  }

  /** Every record and stage change as they are now, for a composite call's rollback (composite.ts). */
  snapshot(): { records: Map<string, Map<string, ZohoRecord>>; stageHistory: Map<string, StageChange[]>; idCounter: number } {
    return structuredClone({ records: this.records, stageHistory: this.stageHistory, idCounter: this.idCounter });
  }

  restore(snapshot: ReturnType<Store['snapshot']>): void {
    this.records = snapshot.records;
    this.stageHistory = snapshot.stageHistory;
    this.idCounter = snapshot.idCounter;
  }

  /** A deal's stage changes, oldest first (empty for an unknown deal). */
  stageChanges(dealId: string): StageChange[] {
    return structuredClone(this.stageHistory.get(dealId) ?? []);
  }

  recordStageChange(dealId: string, change: StageChange): void {
    const history = this.stageHistory.get(dealId) ?? [];
    history.push(change);
    this.stageHistory.set(dealId, history);
  }

  user(id: string): ZohoUserJson | undefined {
    return this.users.find((user) => user.id === id);
  }

  get(module: string, id: string): ZohoRecord | undefined {
    return this.records.get(module)?.get(id);
  }

  /** Records in insertion order (the seed's order, then newer ones). */
  list(module: string): ZohoRecord[] {
    return [...(this.records.get(module)?.values() ?? [])];
  }

  insert(module: string, record: Omit<ZohoRecord, 'id'> & { id?: string }): ZohoRecord {
    const stored = { ...record, id: record.id ?? this.nextId() } as ZohoRecord;
    this.table(module).set(stored.id, stored);
    return stored;
  }

  /** Merges `changes` into a record; undefined when there is no such record. */
  update(module: string, id: string, changes: Record<string, unknown>): ZohoRecord | undefined {
    const current = this.get(module, id);
    if (!current) return undefined;
    const updated = { ...current, ...changes, id } as ZohoRecord;
    this.table(module).set(id, updated);
    return updated;
  }

  delete(module: string, id: string): boolean {
    if (module === 'Deals') this.stageHistory.delete(id);
    return this.records.get(module)?.delete(id) ?? false;
  }

  /** Field names seen in a module's records: what criteria may name. */
  fieldNames(module: string): Set<string> {
    const names = new Set<string>(['id', ...Object.keys(FIELDS[module] ?? {})]);
    for (const record of this.list(module)) for (const key of Object.keys(record)) names.add(key);
    return names;
  }

  /** New ids follow Zoho's shape (19 digits, org prefix) and never collide with the seed's. */
  nextId(): string {
    this.idCounter += 1;
    return `4876876000000${String(600000 + this.idCounter * 10 + 1).padStart(6, '0')}`;
  }

  private table(module: string): Map<string, ZohoRecord> {
    let table = this.records.get(module);
    if (!table) {
      table = new Map();
      this.records.set(module, table);
    }
    return table;
  }
}
