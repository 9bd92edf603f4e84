/**
 * Engagement contributions under the model's total cap: when they add up to more than the cap,
 * the positive ones shrink in proportion so the total is the cap; negative ones stay whole.
 */
export function capEngagement(points: readonly number[], cap: number | undefined): number[] {
  const positive = points.filter((p) => p > 0).reduce((sum, p) => sum + p, 0);
  const negative = points.filter((p) => p < 0).reduce((sum, p) => sum + p, 0);
  if (cap === undefined || positive + negative <= cap) return [...points];
  const scale = (cap - negative) / positive;
  return points.map((p) => (p > 0 ? p * scale : p));
}
