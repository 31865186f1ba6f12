// The e2e tests run code inside extension pages (page.evaluate), where `chrome` exists.
/// <reference types="chrome" />
