// Scheduling: time zone, working hours, slot sizes and the meeting title template.
import { useMemo } from 'react';
import { TITLE_PLACEHOLDERS } from '@/lib/settings/schema';
import { t } from '../i18n';
import { InputField, RadioField, Section, SelectField } from './form';
import type { SectionProps } from './SettingsForm';
import { WorkingHours } from './WorkingHours';

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
        label={t('options_timeZone')}
        value={draft.timeZone}
        options={[{ value: '', label: t('options_timeZoneZoho') }, ...zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))]}
        onChange={(timeZone) => set({ timeZone })}
      />
      <RadioField
        fieldKey="workingHoursSource"
        legend={t('options_workingHoursSource')}
        value={draft.workingHoursSource}
        options={[
          { value: 'zoho', label: t('options_workingHoursSource_zoho') },
          { value: 'custom', label: t('options_workingHoursSource_custom') },
        ]}
        onChange={(workingHoursSource) => set({ workingHoursSource })}
      />
      <WorkingHours {...props} />
      <div className="field-row">
        <InputField
          fieldKey="slotMinutes"
          label={t('options_slotMinutes')}
          type="number"
          min={5}
          max={480}
          step={5}
          value={draft.slotMinutes}
          onChange={(slotMinutes) => set({ slotMinutes })}
        />
        <InputField
          fieldKey="stepMinutes"
          label={t('options_stepMinutes')}
          hint={t('options_stepMinutesHint')}
          type="number"
          min={5}
          max={480}
          step={5}
          value={draft.stepMinutes}
          placeholder={draft.slotMinutes}
          onChange={(stepMinutes) => set({ stepMinutes })}
        />
      </div>
      <div className="field-row">
        <InputField
          fieldKey="bufferBeforeMinutes"
          label={t('options_bufferBeforeMinutes')}
          type="number"
          min={0}
          max={240}
          value={draft.bufferBeforeMinutes}
          onChange={(bufferBeforeMinutes) => set({ bufferBeforeMinutes })}
        />
        <InputField
          fieldKey="bufferAfterMinutes"
          label={t('options_bufferAfterMinutes')}
          type="number"
          min={0}
          max={240}
          value={draft.bufferAfterMinutes}
          onChange={(bufferAfterMinutes) => set({ bufferAfterMinutes })}
        />
      </div>
      <div className="field-row">
        <InputField
          fieldKey="minNoticeMinutes"
          label={t('options_minNoticeMinutes')}
          hint={t('options_minNoticeMinutesHint')}
          type="number"
          min={0}
          max={10080}
          value={draft.minNoticeMinutes}
          onChange={(minNoticeMinutes) => set({ minNoticeMinutes })}
        />
        <InputField
          fieldKey="daysAhead"
          label={t('options_daysAhead')}
          type="number"
          min={1}
          max={90}
          value={draft.daysAhead}
          onChange={(daysAhead) => set({ daysAhead })}
        />
      </div>
      <InputField
        fieldKey="meetingTitleTemplate"
        label={t('options_meetingTitleTemplate')}
        hint={t('options_meetingTitleTemplateHint', TITLE_PLACEHOLDERS.map((name) => `{${name}}`).join(', '))}
        value={draft.meetingTitleTemplate}
        onChange={(meetingTitleTemplate) => set({ meetingTitleTemplate })}
      />
    </Section>
  );
}
