// Connection: the Zoho API client that overrides the build's. The secret is write-only: the
// page knows only whether one is set, and sends it only when the person typed a new one or
// asked to remove it.
import { t } from '../i18n';
import type { SecretDraft } from './draft';
import { controlProps, FieldNotes, Hint, InputField, Section, settingLabel, useField } from './form';
import type { SectionProps } from './SettingsForm';

export function ConnectionSection({ draft, set, view }: SectionProps) {
  return (
    <Section id="connection" title={t('options_sectionConnection')} intro={t('options_sectionConnectionIntro')}>
      <InputField
        fieldKey="oauth.clientId"
        hint={view.buildClientId ? t('options_clientIdHint') : t('options_clientIdHintNoBuild')}
        value={draft.clientId}
        placeholder={view.buildClientId ?? undefined}
        className="input-mono"
        onChange={(clientId) => set({ clientId })}
      />
      <ClientSecretField secret={draft.clientSecret} isSet={view.clientSecretSet} onChange={(clientSecret) => set({ clientSecret })} />
    </Section>
  );
}

function ClientSecretField({ secret, isSet, onChange }: { secret: SecretDraft; isSet: boolean; onChange(secret: SecretDraft): void }) {
  const key = 'oauth.clientSecret';
  const field = useField(key);
  const state =
    secret.mode === 'clear'
      ? t('options_clientSecretWillClear')
      : secret.mode === 'replace' && secret.value !== ''
        ? t('options_clientSecretWillReplace')
        : isSet
          ? t('options_clientSecretSet')
          : t('options_clientSecretNotSet');
  return (
    <div className="field">
      <label htmlFor={field.id}>{settingLabel(key)}</label>
      {secret.mode === 'clear' ? null : (
        <input
          {...controlProps({ ...field, hint: true })}
          className="input input-mono"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          value={secret.mode === 'replace' ? secret.value : ''}
          placeholder={isSet ? t('options_clientSecretPlaceholderSet') : undefined}
          onChange={(event) => onChange(event.target.value === '' ? { mode: 'keep' } : { mode: 'replace', value: event.target.value })}
        />
      )}
      <Hint id={field.id}>
        <span className={isSet && secret.mode === 'keep' ? 'secret-state secret-set' : 'secret-state'} data-testid="client-secret-state">
          {state}
        </span>
      </Hint>
      {field.locked ? null : (
        <div className="field-actions">
          {secret.mode === 'clear' ? (
            <button type="button" className="button button-secondary" onClick={() => onChange({ mode: 'keep' })}>
              {t('options_clientSecretKeep')}
            </button>
          ) : isSet ? (
            <button type="button" className="button button-secondary" onClick={() => onChange({ mode: 'clear' })}>
              {t('options_clientSecretClear')}
            </button>
          ) : null}
        </div>
      )}
      <FieldNotes id={field.id} locked={field.locked} issues={field.issues} />
    </div>
  );
}
