/**
 * Whole numbers for `values` that add up exactly to their rounded sum (largest remainder method;
 * ties go to the earlier value), so rounded parts still add up to the rounded whole.
 */
export function roundToSum(values: readonly number[]): number[] {
  const floors = values.map((value) => Math.floor(value));
  const remainders = values.map((value, i) => value - floors[i]!);
  let missing = Math.round(remainders.reduce((sum, r) => sum + r, 0));
  const byRemainder = remainders.map((r, i) => ({ r, i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing -= 1;
  }
  return floors.map((value) => value + 0); // no -0
}
