// `GET /settings/related_lists?module=…`: the related lists of a module, as related_lists.json
// shapes them. Zoho's SDK reads this before any related-records call (to learn the list's module
// and whether the API serves it), so a client that follows Zoho's SDK cannot read a deal's notes
// without it. Only the Notes list is served: the one the extension reads as a related list.
import { MODULE_IDS } from './fields';
import type { ModuleDef } from './store';

/** Deterministic ids: module id + list number. */
const listId = (module: ModuleDef, n: number) => `${MODULE_IDS[module.apiName] ?? '4876876000000002000'}${String(n).padStart(2, '0')}`.slice(-19);

export function relatedLists(module: ModuleDef): Array<Record<string, unknown>> {
  return [
    {
      id: listId(module, 1),
      sequence_number: '1',
      display_label: 'Notes',
      api_name: 'Notes',
      module: { api_name: 'Notes', id: MODULE_IDS.Notes ?? null },
      name: 'Notes',
      action: null,
      href: `${module.apiName}/{ENTITYID}/Notes`,
      type: 'default',
      visible: true,
      customize_sort: false,
      customize_fields: false,
      customize_display_label: false,
      sort_by: { api_name: 'Modified_Time', id: null },
      sort_order: 'desc',
      fields: [],
      status: 'visible',
    },
  ];
}
