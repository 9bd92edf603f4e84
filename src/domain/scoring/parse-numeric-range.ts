const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?)`;
const RANGE = new RegExp(String.raw`^${NUMBER}\s*(?:[-\u2013]\s*${NUMBER}|(\+))?$`);

const toNumber = (text: string): number => Number(text.replace(/,/g, ''));

/**
 * The interval a value stands for: "75" → [75, 75], HubSpot's enumerations "50-100" → [50, 100]
 * and "1000+" → [1000, ∞). Undefined when it is neither.
 */
export function parseNumericRange(value: string | undefined): [number, number] | undefined {
  const match = value === undefined ? null : RANGE.exec(value.trim());
  if (!match?.[1]) return undefined;
  const low = toNumber(match[1]);
  const high = match[3] ? Infinity : match[2] ? toNumber(match[2]) : low;
  return low <= high ? [low, high] : undefined;
}
