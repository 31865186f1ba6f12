// Scheduling: time zone, working hours, slot sizes and the meeting title template.
import { useMemo } from 'react';
import { TITLE_PLACEHOLDERS } from '@/lib/settings/schema';
import { t } from '../i18n';
import { InputField, RadioField, Section, SelectField } from './form';
import type { SectionProps } from './SettingsForm';
import { ContactHours, WorkingHours } from './WorkingHours';

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  // A saved zone this browser lists under another name (a link such as Asia/Calcutta) stays choosable.
  return current !== '' && !zones.includes(current) ? [current, ...zones] : zones;
}

export function SchedulingSection(props: SectionProps) {
  const { draft, set } = props;
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);
  return (
    <Section id="scheduling" title={t('options_sectionScheduling')}>
      <SelectField
        fieldKey="timeZone"
        value={draft.timeZone}
        options={[{ value: '', label: t('options_timeZoneZoho') }, ...zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))]}
        onChange={(timeZone) => set({ timeZone })}
      />
      <RadioField
        fieldKey="workingHoursSource"
        value={draft.workingHoursSource}
        onChange={(workingHoursSource) => set({ workingHoursSource })}
      />
      <WorkingHours {...props} />
      <ContactHours {...props} />
      <div className="field-row">
        <InputField fieldKey="slotMinutes" value={draft.slotMinutes} onChange={(slotMinutes) => set({ slotMinutes })} />
        <InputField
          fieldKey="stepMinutes"
          value={draft.stepMinutes}
          placeholder={draft.slotMinutes}
          onChange={(stepMinutes) => set({ stepMinutes })}
        />
      </div>
      <div className="field-row">
        <InputField
          fieldKey="bufferBeforeMinutes"
          value={draft.bufferBeforeMinutes}
          onChange={(bufferBeforeMinutes) => set({ bufferBeforeMinutes })}
        />
        <InputField fieldKey="bufferAfterMinutes" value={draft.bufferAfterMinutes} onChange={(bufferAfterMinutes) => set({ bufferAfterMinutes })} />
      </div>
      <div className="field-row">
        <InputField fieldKey="minNoticeMinutes" value={draft.minNoticeMinutes} onChange={(minNoticeMinutes) => set({ minNoticeMinutes })} />
        <InputField fieldKey="daysAhead" value={draft.daysAhead} onChange={(daysAhead) => set({ daysAhead })} />
      </div>
      <InputField
        fieldKey="meetingTitleTemplate"
        hint={t('options_meetingTitleTemplateHint', TITLE_PLACEHOLDERS.map((name) => `{${name}}`).join(', '))}
        value={draft.meetingTitleTemplate}
        onChange={(meetingTitleTemplate) => set({ meetingTitleTemplate })}
      />
    </Section>
  );
}
