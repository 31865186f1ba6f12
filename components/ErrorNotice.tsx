import { StagecoachError } from '@/lib/errors';
import { actionMessage, errorMessage, t } from './i18n';

/** An error in plain words: what happened, what Zoho said (as text), and what to do. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const failure = StagecoachError.from(error);
  const action = actionMessage(failure.action);
  return (
    <div className="notice notice-error" role="alert" data-error-code={failure.code}>
      <p className="notice-title">{errorMessage(failure.code)}</p>
      {failure.detail && failure.code !== 'internal' ? <p className="notice-detail">{t('errorDetail', failure.detail)}</p> : null}
      {action ? <p className="notice-action">{action}</p> : null}
      {onRetry && failure.action === 'retry' ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}
