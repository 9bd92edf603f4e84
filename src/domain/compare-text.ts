/** Code-unit order for strings: locale-independent, so sorting is deterministic everywhere. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
