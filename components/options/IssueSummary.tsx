// The summary on top of a refused save: how many problems, each a link to its field.
import type { Ref } from 'react';
import { t } from '../i18n';
import { focusId, type ResolvedIssue } from './fields';

export function IssueSummary({ issues, ref }: { issues: readonly ResolvedIssue[]; ref?: Ref<HTMLDivElement> }) {
  const go = (key: string) => {
    const target = document.getElementById(focusId(key));
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  };
  return (
    <div ref={ref} className="notice notice-error issue-summary" role="alert" aria-labelledby="issue-summary-title" tabIndex={-1} data-testid="issue-summary">
      <p className="notice-title" id="issue-summary-title">
        {issues.length === 1 ? t('options_issueSummaryOne') : issues.length > 1 ? t('options_issueSummaryMany', String(issues.length)) : t('options_notSaved')}
      </p>
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue, index) => (
            <li key={index}>
              {issue.key === '' ? (
                issue.message
              ) : (
                <a
                  href={`#${focusId(issue.key)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    go(issue.key);
                  }}
                >
                  {t('options_issueSummaryItem', [issue.label, issue.message])}
                </a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
