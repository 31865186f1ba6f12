import { browser } from 'wxt/browser';
import { createMessenger } from '@/lib/messaging/client';

export const request = createMessenger((message) => browser.runtime.sendMessage(message));
