import { StagecoachError } from '@/lib/errors';
import { describeError, t } from './i18n';
import { useSharedTrouble, useTimeText } from './trouble';

/**
 * An error in plain words: what happened, what Zoho said (only if Zoho said it), and what to do.
 * A read's failure whose cause is Zoho's as a whole (not answering, its API limit, the sign-in)
 * is shown once by the panel's TroubleBanner instead (components/trouble.tsx): here, nothing.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const failure = StagecoachError.from(error);
  const time = useTimeText();
  const shared = useSharedTrouble(failure, onRetry);
  if (shared) return null;
  const text = describeError(failure);
  // Zoho said when its limit lifts: that, rather than "for now".
  const headline = failure.code === 'rate_limited' && failure.resetAt !== undefined && failure.resetAt > Date.now() ? t('trouble_limitUntil', time(failure.resetAt)) : text.headline;
  return (
    <div className="notice notice-error" role="alert" data-error-code={failure.code} data-error-reason={failure.reason}>
      <p className="notice-title">{headline}</p>
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
