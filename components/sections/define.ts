// How a panel section declares itself: where it runs (record modules), which feature switch
// shows it, its place in the panel, and its component — the way refined-github's features declare
// their pages. Each section gets the page's AbortSignal: leaving the page aborts its reads, in the
// background too (the messenger sends the cancel on).
import type { ComponentType } from 'react';
import { createContext, useContext } from 'react';
import type { ConnectionStatus } from '@/lib/connection/types';
import type { PanelPage } from '@/lib/panel';
import type { RecordModule, RecordSummary } from '@/lib/records/types';
import type { Settings } from '@/lib/settings/schema';

export { panelPageFor, type PanelPage } from '@/lib/panel';

export type ConnectedStatus = Extract<ConnectionStatus, { state: 'connected' | 'reconnect_needed' }>;

export interface SectionProps {
  page: PanelPage;
  status: ConnectedStatus;
  /** The record as last read (cached or fresh); undefined until the first answer. */
  record: RecordSummary | undefined;
  /** Aborts when the page is left: pass it to every read. */
  signal: AbortSignal;
}

export interface PanelSection {
  id: string;
  /** The record modules whose pages show it. */
  modules: readonly RecordModule[];
  /** The switch that hides it. Shown while the settings cannot be read (the background refuses it then anyway). */
  feature?: keyof Settings['features'];
  /** Lower comes first. */
  order: number;
  component: ComponentType<SectionProps>;
}

export const defineSection = (section: PanelSection): PanelSection => section;

/** Sections this page shows, in order. `features` is undefined while the settings are unknown. */
export function sectionsFor(all: readonly PanelSection[], module: RecordModule, features: Settings['features'] | undefined, settingsFailed: boolean): PanelSection[] {
  return all
    .filter((section) => section.modules.includes(module))
    .filter((section) => !section.feature || (features ? features[section.feature] : settingsFailed))
    .sort((a, b) => a.order - b.order);
}

const PageSignal = createContext<AbortSignal | undefined>(undefined);
export const PageSignalProvider = PageSignal.Provider;
/** The page's AbortSignal, for reads made below a section (nested cards, disclosures). */
export const usePageSignal = () => useContext(PageSignal);
