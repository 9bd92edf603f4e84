/** HubSpot's batch endpoints take at most 100 records per call. */
export const BATCH_LIMIT = 100;

/** v4 association batch reads take 1,000 ids per call (since February 2025). */
export const ASSOCIATION_BATCH_LIMIT = 1_000;

/** `items` cut into consecutive chunks of at most `size`. */
export function batchChunks<T>(items: readonly T[], size = BATCH_LIMIT): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
