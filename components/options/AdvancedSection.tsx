// Advanced: how many calls to Zoho run at once, and the custom domains the org serves CRM from.
import { t } from '../i18n';
import { InputField, Section, TextAreaField } from './form';
import type { SectionProps } from './SettingsForm';

export function AdvancedSection({ draft, set }: SectionProps) {
  return (
    <Section id="advanced" title={t('options_sectionAdvanced')}>
      <InputField
        fieldKey="api.maxConcurrent"
        label={t('options_maxConcurrent')}
        hint={t('options_maxConcurrentHint')}
        type="number"
        min={1}
        max={20}
        className="input-short"
        value={draft.maxConcurrent}
        onChange={(maxConcurrent) => set({ maxConcurrent })}
      />
      <TextAreaField
        fieldKey="customDomains"
        label={t('options_customDomains')}
        hint={t('options_customDomainsHint')}
        rows={3}
        className="input-mono"
        value={draft.customDomains}
        placeholder="crm.example.com"
        onChange={(customDomains) => set({ customDomains })}
      />
    </Section>
  );
}
