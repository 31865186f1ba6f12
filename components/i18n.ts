// Every UI string goes through the extension's i18n messages (public/_locales/*/messages.json).
import { browser } from 'wxt/browser';
import type { ErrorAction, ErrorCode } from '@/lib/errors';
import { toBcp47 } from '@/lib/format';

type Messages = typeof import('../public/_locales/en/messages.json');
export type MessageKey = keyof Messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export const errorMessage = (code: ErrorCode) => t(`error_${code}` as MessageKey);
export const actionMessage = (action: ErrorAction) => (action === 'none' ? '' : t(`action_${action}` as MessageKey));

/**
 * The language the messages are shown in, for `lang` and for Intl when Zoho gives none. Read
 * from the translation itself: Chromium's `@@ui_locale` can differ from the messages it picked.
 */
export const uiLocale = () => toBcp47(browser.i18n.getMessage('uiLanguage'), navigator.language);
