import type { IssuePath } from '../shared/types';

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function getIn(root: unknown, path: IssuePath): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);
}

/** A copy of `root` with `value` at `path`; `undefined` removes the key (optional settings). */
export function setIn<T>(root: T, path: IssuePath, value: unknown): T {
  const [key, ...rest] = path;
  if (key === undefined) return value as T;
  const node: unknown = root;
  if (Array.isArray(node)) {
    const copy = [...node];
    copy[Number(key)] = setIn(copy[Number(key)], rest, value);
    return copy as T;
  }
  const copy: Record<string, unknown> = { ...(node as Record<string, unknown> | undefined) };
  const next = setIn(copy[key], rest, value);
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy as T;
}

/** "scoring.thresholds.sql": how a path names a field (its `name`) and its issues. */
export function pathKey(path: IssuePath): string {
  return path.join('.');
}

/** Whether `path` is `ancestor` or lies below it. */
export function isWithin(path: IssuePath, ancestor: IssuePath): boolean {
  return ancestor.length <= path.length && ancestor.every((key, index) => String(key) === String(path[index]));
}
