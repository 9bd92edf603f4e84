/** "base_1", or the first "base_n" no item uses yet. */
export function unusedId(items: readonly { id: string }[], base: string): string {
  const taken = new Set(items.map((item) => item.id));
  let n = 1;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}
