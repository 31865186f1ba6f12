// AI provider: none, an OpenAI-compatible endpoint (its base URL and model), or the browser's
// built-in model. The provider's API key is not a setting (it is kept encrypted with the tokens).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { request } from '../messenger';
import { queryKeys } from '../queries';
import { t } from '../i18n';
import { FormContext, InputField, Section, SelectField } from './form';
import type { SectionProps } from './SettingsForm';

const AI_KEY = ['suggestions', 'aiKey'] as const;

export function AiSection({ draft, set, view }: SectionProps) {
  const { issues } = useContext(FormContext);
  // Shown for an OpenAI-compatible provider, and whenever the last save found a problem in them.
  const endpoint = draft.aiProvider === 'openai-compatible' || issues.some((i) => i.key === 'ai.baseUrl' || i.key === 'ai.model');
  // The key is bound to the exact base URL it was entered for: whether it goes to the one in the field.
  const queryClient = useQueryClient();
  const key = useQuery({
    queryKey: [...AI_KEY, draft.aiBaseUrl],
    queryFn: () => request('aiKeyStatus', { baseUrl: draft.aiBaseUrl }),
    enabled: endpoint,
    placeholderData: keepPreviousData,
  });
  // A save (of the address or a key) changes the answer.
  useEffect(() => void queryClient.invalidateQueries({ queryKey: AI_KEY }), [view, queryClient]);
  const stored = key.data ? key.data.stored : view.aiKeySet;
  const hint = !stored
    ? t('options_aiKeyHint')
    : key.data && !key.data.matches && key.data.baseUrl
      ? t('options_aiKeyOtherUrlHint', [key.data.baseUrl])
      : t('options_aiKeySetHint');
  return (
    <Section id="ai" title={t('options_sectionAi')} intro={t('options_sectionAiIntro')}>
      <SelectField
        fieldKey="ai.provider"
        value={draft.aiProvider}
        onChange={(aiProvider) => set({ aiProvider })}
      />
      {endpoint ? (
        <>
          <InputField
            fieldKey="ai.baseUrl"
            type="url"
            className="input-mono"
            value={draft.aiBaseUrl}
            placeholder="https://api.example.com/v1"
            onChange={(aiBaseUrl) => set({ aiBaseUrl })}
          />
          <InputField fieldKey="ai.model" value={draft.aiModel} className="input-mono" onChange={(aiModel) => set({ aiModel })} />
          <InputField
            fieldKey="ai.key"
            label={t('options_aiKey')}
            hint={hint}
            type="password"
            autoComplete="off"
            className="input-mono"
            value={draft.aiKey}
            onChange={(aiKey) => set({ aiKey })}
          />
          {stored ? <RemoveKey /> : null}
        </>
      ) : null}
    </Section>
  );
}

function RemoveKey() {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => request('saveAiKey', { key: null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.settings });
      void queryClient.invalidateQueries({ queryKey: AI_KEY });
    },
  });
  if (remove.isSuccess) return <p role="status">{t('options_aiKeyRemoved')}</p>;
  return (
    <div className="field">
      <button type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => remove.mutate()}>
        {t('options_aiKeyRemove')}
      </button>
      {remove.isError ? <ErrorNotice error={remove.error} /> : null}
    </div>
  );
}
