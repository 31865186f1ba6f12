// Every UI string goes through the extension's i18n messages (public/_locales/*/messages.json).
import { browser } from 'wxt/browser';
import type { ErrorAction, ErrorCode, ErrorReason, SerializedError } from '@/lib/errors';
import { toBcp47 } from '@/lib/format';

type Messages = typeof import('../public/_locales/en/messages.json');
export type MessageKey = keyof Messages;
export type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

export const errorMessage = (code: ErrorCode, translate: Translate = t) => translate(`error_${code}` as MessageKey);
export const actionMessage = (action: ErrorAction, translate: Translate = t) => (action === 'none' ? '' : translate(`action_${action}` as MessageKey));

/** Our own sentence for a reason. A feature's key becomes the feature's name as the options page shows it. */
export function reasonMessage(reason: ErrorReason, params: string[] = [], translate: Translate = t): string {
  const shown = reason === 'feature_off' ? params.map((feature) => translate(`options_feature_${feature}` as MessageKey)) : params;
  return translate(`errorReason_${reason}` as MessageKey, shown);
}

export interface ErrorText {
  /** What happened: the reason's sentence when there is one, else the code's. */
  headline: string;
  /** "Zoho said: …", only for words Zoho sent. */
  zoho: string | null;
  /** "Technical detail: …", for words that are nobody's sentence (the browser's, an internal failure's). */
  technical: string | null;
  /** What to do, or '' when nothing helps. */
  action: string;
}

/** An error in the UI's language, each line from one source. */
export function describeError(error: Pick<SerializedError, 'code' | 'action' | 'reason' | 'params' | 'zoho' | 'detail'>, translate: Translate = t): ErrorText {
  return {
    headline: error.reason ? reasonMessage(error.reason, error.params, translate) : errorMessage(error.code, translate),
    zoho: error.zoho ? translate('errorZohoSaid', error.zoho) : null,
    technical: error.detail ? translate('errorTechnical', error.detail) : null,
    action: actionMessage(error.action, translate),
  };
}

/** One line for a list (the popup's outbox): Zoho's words when Zoho said something, else what happened. */
export function errorLine(error: Parameters<typeof describeError>[0], translate: Translate = t): string {
  const text = describeError(error, translate);
  return text.zoho ?? text.headline;
}

/**
 * The language the messages are shown in, for `lang` and for Intl when Zoho gives none. Read
 * from the translation itself: Chromium's `@@ui_locale` can differ from the messages it picked.
 */
export const uiLocale = () => toBcp47(browser.i18n.getMessage('uiLanguage'), navigator.language);
