// Stage suggestions: the admin's pipeline criteria, and whether they are used.
import { t } from '../i18n';
import { CheckboxField, Section, TextAreaField } from './form';
import type { SectionProps } from './SettingsForm';

export function SuggestionsSection({ draft, set }: SectionProps) {
  return (
    <Section id="suggestions" title={t('options_sectionSuggestions')}>
      <CheckboxField
        fieldKey="criteriaEnabled"
        label={t('options_criteriaEnabled')}
        hint={t('options_criteriaEnabledHint')}
        checked={draft.criteriaEnabled}
        onChange={(criteriaEnabled) => set({ criteriaEnabled })}
      />
      <TextAreaField
        fieldKey="pipelineCriteria"
        label={t('options_pipelineCriteria')}
        hint={t('options_pipelineCriteriaHint')}
        rows={10}
        className="input-mono"
        value={draft.pipelineCriteria}
        onChange={(pipelineCriteria) => set({ pipelineCriteria })}
      />
    </Section>
  );
}
