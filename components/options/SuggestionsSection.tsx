// Stage suggestions: the admin's pipeline criteria (checked as they are typed, errors with their
// line), whether they are used, and a dry run over recent deals before switching them on.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useMemo } from 'react';
import { formatPercent } from '@/lib/format';
import type { Settings } from '@/lib/settings/schema';
import type { DryRunView } from '@/lib/suggestions/views';
import { DEFAULT_CRITERIA_TEXT, parseCriteria } from '@/lib/suggestions';
import { ErrorNotice } from '../ErrorNotice';
import { t, uiLocale } from '../i18n';
import { request } from '../messenger';
import { CheckboxField, Section, TextAreaField } from './form';
import type { SectionProps } from './SettingsForm';

/**
 * Which criteria the suggestions use now, from the saved settings (not the draft): the ones
 * written here only when switched on and valid, else the built-in ones (lib/suggestions/service).
 */
function criteriaInUse(saved: Pick<Settings, 'criteriaEnabled' | 'pipelineCriteria'>): 'custom' | 'default' | 'invalid' {
  if (!saved.criteriaEnabled || !saved.pipelineCriteria.trim()) return 'default';
  return parseCriteria(saved.pipelineCriteria).ok ? 'custom' : 'invalid';
}

export function SuggestionsSection({ draft, set, view }: SectionProps) {
  const typed = useDeferredValue(draft.pipelineCriteria);
  const check = useMemo(() => (typed.trim() ? parseCriteria(typed) : null), [typed]);
  const checkId = useId();
  return (
    <Section id="suggestions" title={t('options_sectionSuggestions')}>
      <p className="notice" data-testid="criteria-in-use">
        {t(`options_criteriaInUse_${criteriaInUse(view.settings)}`)}
      </p>
      <CheckboxField
        fieldKey="criteriaEnabled"
        checked={draft.criteriaEnabled}
        onChange={(criteriaEnabled) => set({ criteriaEnabled })}
      />
      <TextAreaField
        fieldKey="pipelineCriteria"
        rows={14}
        className="input-mono"
        value={draft.pipelineCriteria}
        onChange={(pipelineCriteria) => set({ pipelineCriteria })}
      />
      <div className="field" id={checkId} aria-live="polite" data-testid="criteria-check">
        {check === null ? (
          <p className="muted">{t('options_criteriaEmpty')}</p>
        ) : check.ok ? (
          <p className="notice notice-ok">{t('options_criteriaValid', String(check.criteria.criteria.length))}</p>
        ) : (
          <div className="notice notice-error" role="alert">
            <p>{t('options_criteriaErrors')}</p>
            <ul>
              {check.errors.map((error, index) => (
                <li key={index}>{t('options_criteriaError', [String(error.line), String(error.column), error.message])}</li>
              ))}
            </ul>
          </div>
        )}
        <button type="button" className="button button-secondary" onClick={() => set({ pipelineCriteria: DEFAULT_CRITERIA_TEXT })}>
          {t('options_criteriaUseDefaults')}
        </button>
      </div>
      <DryRun criteria={draft.pipelineCriteria} />
    </Section>
  );
}

function DryRun({ criteria }: { criteria: string }) {
  const run = useMutation({ mutationFn: () => request('criteriaDryRun', { criteria }) });
  // While it runs: how many of the deals are read ("12 of 40"), asked twice a second.
  const progress = useQuery({ queryKey: ['criteriaDryRunProgress'], queryFn: () => request('criteriaDryRunProgress', {}), enabled: run.isPending, refetchInterval: 500, gcTime: 0 });
  const read = run.isPending ? progress.data : null;
  return (
    <div className="field" data-testid="dry-run">
      <p className="hint">{t('options_dryRunIntro')}</p>
      <button type="button" className="button button-secondary" disabled={run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? t('options_dryRunRunning') : t('options_dryRun')}
      </button>
      {read && read.total > 0 ? (
        <p className="hint" role="status" data-testid="dry-run-progress">
          {t('options_dryRunProgress', [String(read.read), String(read.total)])}
        </p>
      ) : null}
      {run.isError ? <ErrorNotice error={run.error} /> : null}
      {run.data ? <DryRunResult view={run.data} /> : null}
    </div>
  );
}

function DryRunResult({ view }: { view: DryRunView }) {
  if (!view.ok) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('options_criteriaErrors')}</p>
      </div>
    );
  }
  const { open, closed } = view.result;
  const percent = closed.judged > 0 ? formatPercent(closed.matched / closed.judged, uiLocale()) : '–';
  return (
    <div className="dry-run" role="status">
      <h4>{t('options_dryRunOpen', String(open.length))}</h4>
      <table className="dry-run-table">
        <thead>
          <tr>
            <th scope="col">{t('options_dryRunDeal')}</th>
            <th scope="col">{t('options_dryRunStage')}</th>
            <th scope="col">{t('options_dryRunSuggestion')}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((row) => (
            <tr key={row.dealId}>
              <td>{row.dealName}</td>
              <td>{row.stage}</td>
              <td>{row.suggestion ? `${row.suggestion.target} (${row.suggestion.by.kind === 'rules' ? row.suggestion.by.criterion : row.suggestion.by.model})` : t('options_dryRunNone')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 data-testid="dry-run-closed">{t('options_dryRunClosed', [String(closed.matched), String(closed.judged), percent])}</h4>
      <table className="dry-run-table">
        <thead>
          <tr>
            <th scope="col">{t('options_dryRunDeal')}</th>
            <th scope="col">{t('options_dryRunBefore')}</th>
            <th scope="col">{t('options_dryRunReached')}</th>
            <th scope="col">{t('options_dryRunSuggestion')}</th>
          </tr>
        </thead>
        <tbody>
          {closed.rows.map((row) => (
            <tr key={row.dealId} data-matched={row.matched}>
              <td>{row.dealName}</td>
              <td>{row.before}</td>
              <td>{row.reached}</td>
              <td>
                {row.suggested ?? t('options_dryRunNone')} {row.matched ? '✓' : '✗'}
                <span className="visually-hidden">{t(row.matched ? 'options_dryRunMatched' : 'options_dryRunMissed')}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {closed.skipped > 0 ? <p className="hint">{t('options_dryRunSkipped', String(closed.skipped))}</p> : null}
      {view.dealsFailed > 0 ? <p className="hint">{t('options_dryRunFailed', String(view.dealsFailed))}</p> : null}
    </div>
  );
}
