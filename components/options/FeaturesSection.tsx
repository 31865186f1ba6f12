// Features: the switches for what the record panel offers, and what a booking for an unknown
// person creates.
import { t, type MessageKey } from '../i18n';
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
            label={t(`options_feature_${feature}` as MessageKey)}
            hint={t(`options_feature_${feature}Hint` as MessageKey)}
            checked={draft.features[feature]}
            onChange={(checked) => set({ features: { ...draft.features, [feature]: checked } })}
          />
        ))}
      </div>
      <RadioField
        fieldKey="createMissingAs"
        legend={t('options_createMissingAs')}
        value={draft.createMissingAs}
        options={[
          { value: 'Leads', label: t('options_createMissingAs_Leads') },
          { value: 'Contacts', label: t('options_createMissingAs_Contacts') },
        ]}
        onChange={(createMissingAs) => set({ createMissingAs })}
      />
    </Section>
  );
}
