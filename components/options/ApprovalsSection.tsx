// Approvals: the Zoho profiles and roles whose holders may approve a stage change.
import { t } from '../i18n';
import { Section, TextAreaField } from './form';
import type { SectionProps } from './SettingsForm';

export function ApprovalsSection({ draft, set }: SectionProps) {
  return (
    <Section id="approvals" title={t('options_sectionApprovals')} intro={t('options_sectionApprovalsIntro')}>
      <div className="field-row">
        <TextAreaField
          fieldKey="approvers.profiles"
          rows={4}
          value={draft.profiles}
          onChange={(profiles) => set({ profiles })}
        />
        <TextAreaField
          fieldKey="approvers.roles"
          rows={4}
          value={draft.roles}
          onChange={(roles) => set({ roles })}
        />
      </div>
    </Section>
  );
}
