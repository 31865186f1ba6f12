// Plain-data helpers shared by the settings modules: dotted paths ('workingHours.mon.0.end'),
// deep merge of a patch, deep equality. Everything here treats values as JSON-like data.

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A deep copy of JSON-like data (objects, arrays, primitives); anything else is kept as is. */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => clonePlain(item)) as T;
  if (isPlainObject(value)) {
    // fromEntries defines own properties, so a '__proto__' key from JSON stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clonePlain(v)])) as T;
  }
  return value;
}

export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

export function joinPath(parts: readonly PropertyKey[]): string {
  return parts.map(String).join('.');
}

/** The parent of a dotted path; the root ('') is its own parent. */
export function parentPath(path: string): string {
  const at = path.lastIndexOf('.');
  return at === -1 ? '' : path.slice(0, at);
}

/** True when `path` is `ancestor` or lies under it. */
export function isUnderPath(path: string, ancestor: string): boolean {
  return ancestor === '' || path === ancestor || path.startsWith(`${ancestor}.`);
}

function child(container: unknown, key: string): unknown {
  if (Array.isArray(container)) return /^\d+$/.test(key) ? container[Number(key)] : undefined;
  if (isPlainObject(container)) return Object.hasOwn(container, key) ? container[key] : undefined;
  return undefined;
}

export function getAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of splitPath(path)) value = child(value, key);
  return value;
}

/**
 * Sets `value` at `path` inside `root` (mutating it), creating plain objects on the way.
 * Returns false when something on the way is not an object (nothing is changed then).
 */
export function setAt(root: PlainObject, path: string, value: unknown): boolean {
  const parts = splitPath(path);
  const last = parts.pop();
  if (last === undefined) return false;
  let container: PlainObject = root;
  for (const key of parts) {
    const next = child(container, key);
    if (next === undefined) {
      const created: PlainObject = {};
      Object.defineProperty(container, key, { value: created, enumerable: true, writable: true, configurable: true });
      container = created;
    } else if (isPlainObject(next)) {
      container = next;
    } else {
      return false;
    }
  }
  Object.defineProperty(container, last, { value, enumerable: true, writable: true, configurable: true });
  return true;
}

/** Removes the value at `path` (an object key or an array item); false when there was none. */
export function deleteAt(root: PlainObject, path: string): boolean {
  const parts = splitPath(path);
  const last = parts.pop();
  if (last === undefined) return false;
  const container = getAt(root, joinPath(parts));
  if (Array.isArray(container) && /^\d+$/.test(last) && Number(last) < container.length) {
    container.splice(Number(last), 1);
    return true;
  }
  if (isPlainObject(container) && Object.hasOwn(container, last)) {
    delete container[last];
    return true;
  }
  return false;
}

/**
 * `patch` merged into a copy of `base`: plain objects merge key by key, anything else (arrays,
 * scalars, null) replaces; an `undefined` in the patch means "leave as is".
 */
export function deepMerge(base: unknown, patch: PlainObject): PlainObject {
  const out: PlainObject = isPlainObject(base) ? clonePlain(base) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = child(out, key);
    const merged = isPlainObject(value) && isPlainObject(current) ? deepMerge(current, value) : clonePlain(value);
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The dotted paths of the leaves of `shape`: a leaf is anything that is not a plain object
 * (so an array, such as a day's working periods, is one leaf).
 */
export function leafPaths(shape: unknown, prefix = ''): string[] {
  if (!isPlainObject(shape)) return [prefix];
  return Object.entries(shape).flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key));
}
