import { isPlacedLongAgo } from './longAgo';
import { isNegated, type ClausedTokens } from './negation';
import { findPhrase, type TokenSpan } from './safetyPattern';
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
  blocked: ReadonlySet<number>,
  longAgo: readonly TokenSpan[] = [],
): boolean {
  const occurrences = trigger.parts.map((part) => findPhrase(part, message.tokens, blocked));
  if (occurrences.some((spans) => spans.length === 0)) return false;
  // A phrase trigger is one part: its words are adjacent by definition, whatever the window.
  const window = trigger.parts.length > 1 ? trigger.window : Number.POSITIVE_INFINITY;
  return someCombination(occurrences, window, [], (chosen) => !anyPartNegated(chosen, message) && !isPlacedLongAgo(message, chosen, longAgo));
}

function anyPartNegated(chosen: readonly TokenSpan[], message: ClausedTokens): boolean {
  const matchedPositions = new Set<number>();
  for (const span of chosen) {
    for (let index = span.start; index < span.end; index += 1) matchedPositions.add(index);
  }
  return chosen.some((span) => isNegated(message, span, matchedPositions));
}

function overlaps(span: TokenSpan, others: readonly TokenSpan[]): boolean {
  return others.some((other) => span.start < other.end && other.start < span.end);
}

/** Depth-first over one occurrence per part, pruning combinations that no longer fit in the window. */
function someCombination(
  occurrences: readonly (readonly TokenSpan[])[],
  window: number,
  chosen: readonly TokenSpan[],
  accept: (chosen: readonly TokenSpan[]) => boolean,
): boolean {
  const candidates = occurrences[chosen.length];
  if (candidates === undefined) return accept(chosen);
  const first = Math.min(...chosen.map((span) => span.start));
  const last = Math.max(...chosen.map((span) => span.end));
  for (const span of candidates) {
    if (overlaps(span, chosen)) continue;
    const width = Math.max(last, span.end) - Math.min(first, span.start);
    if (width > window) continue;
    if (someCombination(occurrences, window, [...chosen, span], accept)) return true;
  }
  return false;
}
