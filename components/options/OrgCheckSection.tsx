// "Check my Zoho org": read-only probes of every capability the extension uses, each row with
// pass / warning / failed, what was measured and what to do; cancellable; and a plain-text report
// without personal data for an administrator to send to support. The popup links here
// (options.html#org-check) when something fails.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { formatReport } from '@/lib/diagnostics/report';
import { ADVISED_OUTCOMES, type OrgCheckView, type ProbeResult } from '@/lib/diagnostics/types';
import { ErrorNotice } from '../ErrorNotice';
import { formatNumber } from '@/lib/format';
import { t, uiLocale, type MessageKey } from '../i18n';
import { request } from '../messenger';
import { statusQuery } from '../queries';
import './orgCheck.css';

/** The fragment the popup opens the options page at. */
export const ORG_CHECK_ANCHOR = 'org-check';

type Copy = 'idle' | 'copied' | 'failed';

export function OrgCheckSection() {
  const status = useQuery(statusQuery());
  const controller = useRef<AbortController | null>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [cancelled, setCancelled] = useState(false);
  const check = useMutation({ mutationFn: (signal: AbortSignal) => request('orgCheck', {}, { signal }) });

  // Leaving the page gives the check up in the background too.
  useEffect(() => () => controller.current?.abort(), []);

  // Opened from the popup at the check: bring it into view, ready to run from the keyboard.
  useEffect(() => {
    if (location.hash !== `#${ORG_CHECK_ANCHOR}`) return;
    sectionRef.current?.scrollIntoView({ block: 'start' });
    runButton.current?.focus();
  }, []);

  // While running, focus is on Cancel; when the check ends (or is cancelled) and Cancel is gone,
  // back to the run button, unless the person went elsewhere meanwhile.
  const wasPending = useRef(false);
  useEffect(() => {
    if (check.isPending) cancelButton.current?.focus();
    else if (wasPending.current && (!document.activeElement || document.activeElement === document.body)) runButton.current?.focus();
    wasPending.current = check.isPending;
  }, [check.isPending]);

  const run = () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setCancelled(false);
    check.mutate(current.signal, {
      onSettled: () => {
        if (controller.current === current) controller.current = null;
      },
    });
  };
  const cancel = () => {
    setCancelled(true);
    controller.current?.abort(new DOMException('Cancelled by the person', 'AbortError'));
  };

  return (
    <section id={ORG_CHECK_ANCHOR} ref={sectionRef} className="options-section org-check" aria-labelledby="org-check-heading" data-testid="org-check">
      <h2 id="org-check-heading">{t('orgCheck_heading')}</h2>
      <p className="section-intro">{t('orgCheck_intro')}</p>
      <div className="field-actions org-check-actions">
        <button ref={runButton} type="button" className="button button-primary" onClick={run} disabled={check.isPending}>
          {check.isPending ? t('orgCheck_running') : check.data ? t('orgCheck_runAgain') : t('orgCheck_run')}
        </button>
        {check.isPending ? (
          <button ref={cancelButton} type="button" className="button button-secondary" onClick={cancel}>
            {t('orgCheck_cancel')}
          </button>
        ) : null}
      </div>
      <div role="status" className="org-check-status">
        {check.isPending ? t('orgCheck_running') : null}
        {check.isError && cancelled ? t('orgCheck_cancelled') : null}
        {check.isSuccess ? summary(check.data) : null}
      </div>
      {check.isError && !cancelled ? <ErrorNotice error={check.error} onRetry={run} /> : null}
      {check.data ? <Results view={check.data} sandbox={status.data?.sandbox ?? false} /> : null}
    </section>
  );
}

function summary(view: OrgCheckView): string {
  const count = (status: ProbeResult['status']) => String(view.probes.filter((probe) => probe.status === status).length);
  return t('orgCheck_summary', [count('pass'), count('warn'), count('fail')]);
}

function Results({ view, sandbox }: { view: OrgCheckView; sandbox: boolean }) {
  const report = formatReport(view, { version: browser.runtime.getManifest().version, sandbox });
  const reportId = useId();
  const [copy, setCopy] = useState<Copy>('idle');
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => setCopy('idle'), [view]);

  const copyReport = async () => {
    try {
      await navigator.clipboard.writeText(report);
      setCopy('copied');
    } catch {
      // No clipboard (permission refused): show the text to copy by hand.
      setCopy('failed');
      if (details.current) details.current.open = true;
    }
  };

  return (
    <>
      <ul className="org-check-results" aria-label={t('orgCheck_results')}>
        {view.probes.map((probe) => (
          <ProbeRow key={probe.id} probe={probe} />
        ))}
      </ul>
      <div className="field-actions">
        <button type="button" className="button button-secondary" onClick={() => void copyReport()}>
          {t('orgCheck_copy')}
        </button>
      </div>
      <p role="status" className={copy === 'failed' ? 'field-issue' : 'muted'} data-testid="org-check-copy-status">
        {copy === 'copied' ? t('orgCheck_copied') : copy === 'failed' ? t('orgCheck_copyFailed') : ''}
      </p>
      <details ref={details} className="org-check-report">
        <summary>{t('orgCheck_reportLabel')}</summary>
        <label className="visually-hidden" htmlFor={reportId}>
          {t('orgCheck_reportLabel')}
        </label>
        <textarea id={reportId} className="input input-mono" readOnly rows={Math.min(22, report.split('\n').length + 4)} value={report} data-testid="org-check-report" />
      </details>
    </>
  );
}

const STATUS_MARK = { pass: '✓', warn: '!', fail: '✗' } as const;

/** A finding's whole numbers (credits left, records read) grouped the UI language's way; other words as they are. */
const localNumber = (param: string) => (/^\d+$/.test(param) ? formatNumber(Number(param), uiLocale()) : param);

function ProbeRow({ probe }: { probe: ProbeResult }) {
  const headingId = useId();
  const advice = probe.failure
    ? (`orgCheck_advice_${probe.failure.kind}` as MessageKey)
    : probe.outcome && (ADVISED_OUTCOMES as readonly string[]).includes(probe.outcome)
      ? (`orgCheck_advice_${probe.outcome}` as MessageKey)
      : null;
  const finding = probe.failure ? t(`orgCheck_fail_${probe.failure.kind}` as MessageKey) : probe.outcome ? t(`orgCheck_finding_${probe.outcome}` as MessageKey, probe.params.map(localNumber)) : '';
  return (
    <li className={`org-check-row org-check-${probe.status}`} data-probe={probe.id} data-status={probe.status} aria-labelledby={headingId}>
      <h3 id={headingId} className="org-check-title">
        <span className="org-check-mark" aria-hidden="true">
          {STATUS_MARK[probe.status]}
        </span>
        <span>{t(`orgCheck_probe_${probe.id}` as MessageKey)}</span>
        <span className="org-check-badge">{t(`orgCheck_status_${probe.status}` as MessageKey)}</span>
      </h3>
      <p className="org-check-finding">{finding}</p>
      {probe.failure?.zohoCode ? <p className="notice-detail">{t('orgCheck_zohoCode', probe.failure.zohoCode)}</p> : null}
      {probe.status === 'fail' ? <p className="org-check-impact">{t(`orgCheck_impact_${probe.id}` as MessageKey)}</p> : null}
      {advice ? (
        <p className="org-check-advice">
          <strong>{t('orgCheck_whatToDo')}</strong> {t(advice)}
        </p>
      ) : null}
      <p className="muted org-check-cost">{t('orgCheck_cost', [formatNumber(probe.calls, uiLocale()), formatNumber(Math.round(probe.ms), uiLocale())])}</p>
    </li>
  );
}
