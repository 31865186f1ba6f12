import { browser } from 'wxt/browser';
import { createMessenger } from '@/lib/messaging/client';
import type { Requests } from '@/lib/requests';

/** Asks the background; pass `{ signal }` and leaving the page cancels the call there too. */
export const request = createMessenger<Requests>((message) => browser.runtime.sendMessage(message));
