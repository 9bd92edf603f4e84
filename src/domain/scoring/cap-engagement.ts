/**
 * Engagement contributions under the model's total cap: when they add up to more than the cap,
 * the positive ones shrink in proportion so the total is the cap; negative ones stay whole.
 */
export function capEngagement(points: readonly number[], cap: number | undefined): readonly number[] {
  if (cap === undefined) return points;
  let positive = 0;
  let negative = 0;
  for (const p of points) {
    if (p > 0) positive += p;
    else if (p < 0) negative += p;
  }
  if (positive + negative <= cap) return points;
  const scale = (cap - negative) / positive;
  return points.map((p) => (p > 0 ? p * scale : p));
}
