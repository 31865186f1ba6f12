// What a production manifest must not trust: the local machine. wxt.config.ts runs this on every
// generated manifest outside the sandbox build (the build fails), and tests/unit/manifest.test.ts
// on the built ones. The AI provider's optional hosts are the one exception: a model on this
// machine is asked for only when an admin configures one.

const LOCAL = /localhost|127\.0\.0\.1|\[::1\]/i;

interface ManifestLike {
  host_permissions?: string[];
  content_scripts?: Array<{ matches?: string[] }>;
  web_accessible_resources?: Array<string | { matches?: string[] }>;
  content_security_policy?: string | { extension_pages?: string; sandbox?: string };
  externally_connectable?: { matches?: string[] };
}

/** Every place in `manifest` that trusts the local machine, as `field: value` lines; empty when none. */
export function localTrust(manifest: ManifestLike): string[] {
  const csp = manifest.content_security_policy;
  const places: Array<[string, string[]]> = [
    ['host_permissions', manifest.host_permissions ?? []],
    ['content_scripts.matches', (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? [])],
    ['web_accessible_resources.matches', (manifest.web_accessible_resources ?? []).flatMap((entry) => (typeof entry === 'string' ? [] : (entry.matches ?? [])))],
    ['content_security_policy', typeof csp === 'string' ? [csp] : csp ? Object.values(csp).filter((value): value is string => typeof value === 'string') : []],
    ['externally_connectable.matches', manifest.externally_connectable?.matches ?? []],
  ];
  return places.flatMap(([field, values]) => values.filter((value) => LOCAL.test(value)).map((value) => `${field}: ${value}`));
}
