/**
 * Whole numbers for `values` that add up exactly to their rounded sum (largest remainder method;
 * ties go to the earlier value), so rounded parts still add up to the rounded whole.
 */
export function roundToSum(values: readonly number[]): number[] {
  const rounded: number[] = [];
  let remainders = 0;
  for (const value of values) {
    const floor = Math.floor(value);
    rounded.push(floor + 0); // no -0
    remainders += value - floor;
  }
  let missing = Math.round(remainders);
  if (missing <= 0) return rounded; // nothing to hand out (whole numbers, without decay): no ranking needed
  const remainder = (i: number): number => values[i]! - rounded[i]!;
  const byRemainder = values.map((_, i) => i).sort((a, b) => remainder(b) - remainder(a) || a - b);
  for (const i of byRemainder) {
    if (missing <= 0) break;
    rounded[i]! += 1;
    missing -= 1;
  }
  return rounded;
}
