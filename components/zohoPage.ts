// The Zoho page the panel is beside. The panel is an extension page in a frame, so its own
// `location` is the extension's: links into Zoho are built from this instead.
let zohoPageUrl: string | null = null;

export function setZohoPageUrl(url: string): void {
  zohoPageUrl = url;
}

let reloadPage: (() => void) | null = null;

/** How the panel asks the content script to reload Zoho's page (set once the frame has its port). */
export function setZohoPageReload(reload: () => void): void {
  reloadPage = reload;
}

/** Reloads Zoho's page beside the panel; false where the panel has no way to (no port yet). */
export function reloadZohoPage(): boolean {
  if (!reloadPage) return false;
  reloadPage();
  return true;
}

/** The Zoho record page's URL (the panel's own address until it is set, e.g. in tests). */
export function zohoPageHref(): string {
  return zohoPageUrl ?? location.href;
}
