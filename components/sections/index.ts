// Every panel section. A new section is a component file that calls defineSection, added here.
import { contactDealsSection, stageSection } from '../suggestions/sections';
import { noteSection } from '../records/NoteSection';
import { schedulingSection } from '../scheduling/section';
import type { PanelSection } from './define';

export const PANEL_SECTIONS: readonly PanelSection[] = [stageSection, schedulingSection, contactDealsSection, noteSection];
