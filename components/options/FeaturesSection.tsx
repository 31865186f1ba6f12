// Features: the switches for what the record panel offers (team settings, kept in Zoho), and
// what a booking for an unknown person creates (this browser's own).
import { t } from '../i18n';
import { FEATURE_KEYS } from './fields';
import { CheckboxField, RadioField, Section } from './form';
import type { SectionProps } from './SettingsForm';

export function FeaturesSection({ draft, set }: SectionProps) {
  return (
    <Section id="features" title={t('options_sectionFeatures')}>
      <div className="field-group">
        {FEATURE_KEYS.map((feature) => (
          <CheckboxField
            key={feature}
            fieldKey={`features.${feature}`}
            checked={draft.features[feature]}
            onChange={(checked) => set({ features: { ...draft.features, [feature]: checked } })}
          />
        ))}
      </div>
    </Section>
  );
}

export function NewPeopleSection({ draft, set }: SectionProps) {
  return (
    <Section id="new-people" title={t('options_sectionNewPeople')}>
      <RadioField fieldKey="createMissingAs" value={draft.createMissingAs} onChange={(createMissingAs) => set({ createMissingAs })} />
    </Section>
  );
}
