// The Zoho page the panel is beside. The panel is an extension page in a frame, so its own
// `location` is the extension's: links into Zoho are built from this instead.
let zohoPageUrl: string | null = null;

export function setZohoPageUrl(url: string): void {
  zohoPageUrl = url;
}

/** The Zoho record page's URL (the panel's own address until it is set, e.g. in tests). */
export function zohoPageHref(): string {
  return zohoPageUrl ?? location.href;
}
