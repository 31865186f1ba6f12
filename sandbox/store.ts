// The sandbox's data: one in-memory store keyed by module, each record kept as Zoho's API JSON.
// Module definitions say how each module is named in URLs and scopes and which fields hold
// emails, phones and the display name; adding Events, Notes or Tasks is a new entry here plus
// seed rows.
import { createSeedData, type SeedData, type ZohoRecord, type ZohoUserJson } from './seed';

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
}

export const MODULES: readonly ModuleDef[] = [
  {
    apiName: 'Contacts', tab: 'Contacts', label: 'Contacts', singular: 'Contact', scopeName: 'contacts',
    nameField: 'Full_Name', emailFields: ['Email', 'Secondary_Email'], phoneFields: ['Phone', 'Mobile', 'Home_Phone', 'Other_Phone', 'Asst_Phone'], searchable: true,
  },
  {
    apiName: 'Leads', tab: 'Leads', label: 'Leads', singular: 'Lead', scopeName: 'leads',
    nameField: 'Full_Name', emailFields: ['Email', 'Secondary_Email'], phoneFields: ['Phone', 'Mobile'], searchable: true,
  },
  {
    apiName: 'Deals', tab: 'Potentials', label: 'Deals', singular: 'Deal', scopeName: 'deals',
    nameField: 'Deal_Name', emailFields: [], phoneFields: [], searchable: true,
  },
  {
    apiName: 'Accounts', tab: 'Accounts', label: 'Accounts', singular: 'Account', scopeName: 'accounts',
    nameField: 'Account_Name', emailFields: [], phoneFields: ['Phone'], searchable: true,
  },
];

/** Zoho matches module names in URLs without regard to case. */
export function moduleByApiName(name: string): ModuleDef | undefined {
  const lower = name.toLowerCase();
  return MODULES.find((module) => module.apiName.toLowerCase() === lower);
}

export function moduleByTab(tab: string): ModuleDef | undefined {
  return MODULES.find((module) => module.tab === tab);
}

export class Store {
  org!: SeedData['org'];
  users: ZohoUserJson[] = [];
  private records = new Map<string, Map<string, ZohoRecord>>();
  private idCounter = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    const seed = createSeedData();
    this.org = seed.org;
    this.users = seed.users;
    this.records = new Map();
    for (const module of MODULES) this.records.set(module.apiName, new Map());
    for (const [module, rows] of Object.entries(seed.modules)) {
      const table = this.table(module);
      for (const row of rows) table.set(row.id, row);
    }
    this.idCounter = 0;
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
    return this.records.get(module)?.delete(id) ?? false;
  }

  /** Field names seen in a module's records: what criteria may name. */
  fieldNames(module: string): Set<string> {
    const names = new Set<string>(['id']);
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
