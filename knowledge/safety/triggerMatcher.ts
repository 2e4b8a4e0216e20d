import { isPlacedLongAgo, NOT_LONG_AGO, type LongAgo } from './longAgo';
import { isNegated, type ClausedTokens } from './negation';
import type { Phrase, TokenSpan } from './safetyPattern';
import type { SafetyTrigger } from './safetyRules';

/**
 * Finds whether a trigger matches a message with none of its parts negated.
 *
 * Every combination of part occurrences is considered (one occurrence per part, no word used
 * twice, all inside the window), and the trigger fires if ANY combination is un-negated:
 * "the pressure in my chest is not pain exactly" still fires through "pressure".
 * A combination counts as negated if any one of its parts is, so "chest feels fine, no pain"
 * does not fire. Combinations placed long ago (only passed for rules marked exceptLongAgo) do not count either.
 */
export function triggerFires(
  trigger: SafetyTrigger,
  message: ClausedTokens,
  spansOf: (part: Phrase) => readonly TokenSpan[],
  longAgo: LongAgo = NOT_LONG_AGO,
): boolean {
  return matchingCombination(trigger, message, spansOf, longAgo) !== undefined;
}

/** The words of the first un-negated, not-long-ago combination of the trigger's parts, if any. */
export function matchingCombination(
  trigger: SafetyTrigger,
  message: ClausedTokens,
  spansOf: (part: Phrase) => readonly TokenSpan[],
  longAgo: LongAgo = NOT_LONG_AGO,
): readonly TokenSpan[] | undefined {
  const occurrences = trigger.parts.map((part) => [...spansOf(part)].sort((a, b) => a.start - b.start));
  if (occurrences.some((spans) => spans.length === 0)) return undefined;
  // longAgo is only passed for rules marked exceptLongAgo: "all healed now" ends those too.
  if (longAgo.over) return undefined;
  // A phrase trigger is one part: its words are adjacent by definition, whatever the window.
  const window = trigger.parts.length > 1 ? trigger.window : Number.POSITIVE_INFINITY;
  let found: readonly TokenSpan[] | undefined;
  someCombination(occurrences, window, [], (chosen) => {
    if (anyPartNegated(chosen, message) || isPlacedLongAgo(message, chosen, longAgo.spans)) return false;
    found = chosen;
    return true;
  });
  return found;
}

/** Whether any of the chosen spans is negated (the words of all of them count as part of the match). */
export function anyPartNegated(chosen: readonly TokenSpan[], message: ClausedTokens): boolean {
  const matchedPositions = new Set<number>();
  for (const span of chosen) {
    for (let index = span.start; index < span.end; index += 1) matchedPositions.add(index);
  }
  return chosen.some((span) => isNegated(message, span, matchedPositions));
}

function overlaps(span: TokenSpan, others: readonly TokenSpan[]): boolean {
  return others.some((other) => span.start < other.end && other.start < span.end);
}

/** The index of the first span starting at or after `start` (spans sorted by start). */
function firstStartingAt(spans: readonly TokenSpan[], start: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.start ?? 0) < start) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Depth-first over one occurrence per part, pruning combinations that no longer fit in the window.
 * Occurrences are sorted by start, so each part only looks at spans near the ones already chosen:
 * a long message with many matches costs time in proportion to its length, not its square.
 */
function someCombination(
  occurrences: readonly (readonly TokenSpan[])[],
  window: number,
  chosen: readonly TokenSpan[],
  accept: (chosen: readonly TokenSpan[]) => boolean,
): boolean {
  const candidates = occurrences[chosen.length];
  if (candidates === undefined) return accept(chosen);
  const first = chosen.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...chosen.map((span) => span.start));
  const last = chosen.length === 0 ? Number.NEGATIVE_INFINITY : Math.max(...chosen.map((span) => span.end));
  const from = chosen.length === 0 || !Number.isFinite(window) ? 0 : firstStartingAt(candidates, last - window);
  for (let index = from; index < candidates.length; index += 1) {
    const span = candidates[index];
    if (span === undefined) break;
    if (chosen.length > 0 && Number.isFinite(window) && span.start >= first + window) break;
    if (overlaps(span, chosen)) continue;
    const width = Math.max(last, span.end) - Math.min(first, span.start);
    if (width > window) continue;
    if (someCombination(occurrences, window, [...chosen, span], accept)) return true;
  }
  return false;
}
