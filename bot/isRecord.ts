/** True for a plain JSON object (not null, not an array), as parsed request bodies and card values are. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
