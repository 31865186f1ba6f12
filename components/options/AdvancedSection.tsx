// Advanced: how many calls to Zoho run at once, and the custom domains the org serves CRM from.
import { t } from '../i18n';
import { InputField, Section, TextAreaField } from './form';
import type { SectionProps } from './SettingsForm';

export function AdvancedSection({ draft, set }: SectionProps) {
  return (
    <Section id="advanced" title={t('options_sectionAdvanced')}>
      <InputField
        fieldKey="api.maxConcurrent"
        className="input-short"
        value={draft.maxConcurrent}
        onChange={(maxConcurrent) => set({ maxConcurrent })}
      />
      <TextAreaField
        fieldKey="customDomains"
        rows={3}
        className="input-mono"
        value={draft.customDomains}
        placeholder="crm.example.com"
        onChange={(customDomains) => set({ customDomains })}
      />
    </Section>
  );
}
