import { StagecoachError } from '@/lib/errors';
import { describeError, t } from './i18n';

/** An error in plain words: what happened, what Zoho said (only if Zoho said it), and what to do. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const failure = StagecoachError.from(error);
  const text = describeError(failure);
  return (
    <div className="notice notice-error" role="alert" data-error-code={failure.code} data-error-reason={failure.reason}>
      <p className="notice-title">{text.headline}</p>
      {text.zoho ? <p className="notice-detail notice-zoho">{text.zoho}</p> : null}
      {text.technical ? <p className="notice-detail notice-technical">{text.technical}</p> : null}
      {text.action ? <p className="notice-action">{text.action}</p> : null}
      {onRetry && failure.action === 'retry' ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}
