// Every UI string goes through the extension's i18n messages (public/_locales/*/messages.json).
import { browser } from 'wxt/browser';
import type { ErrorAction, ErrorCode } from '@/lib/errors';

type Messages = typeof import('../public/_locales/en/messages.json');
export type MessageKey = keyof Messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export const errorMessage = (code: ErrorCode) => t(`error_${code}` as MessageKey);
export const actionMessage = (action: ErrorAction) => (action === 'none' ? '' : t(`action_${action}` as MessageKey));

/** The browser's UI language, for Intl formatting when Zoho gives none. */
export const uiLocale = () => browser.i18n.getUILanguage();
