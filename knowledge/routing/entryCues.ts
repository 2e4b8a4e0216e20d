import { toClausedTokens } from '../safety/negation';
import { PhraseIndex } from '../safety/phraseIndex';
import { parsePhrase, type Phrase, type TokenSpan } from '../safety/safetyPattern';
import type { SafetyTrigger } from '../safety/safetyRules';
import { matchingCombination } from '../safety/triggerMatcher';
import type { NormalizedText } from '../text/normalizeText';

/** How close a cue's word groups must be: any this many consecutive words. */
export const CUE_WINDOW = 8;

export interface EntryCue {
  readonly entryId: string;
  readonly trigger: SafetyTrigger;
}

/** A cue as faq.yaml writes it: a list of word groups, each like a safety phrase ("pregnan*|expecting"). */
export type CueSource = readonly string[];

/** Parses one cue, or says what is wrong with it in the curator's words. */
export function parseCue(groups: CueSource): { readonly ok: true; readonly trigger: SafetyTrigger } | { readonly ok: false; readonly problem: string } {
  const parts: Phrase[] = [];
  for (const group of groups) {
    const parsed = parsePhrase(group, undefined, { allowCommonWords: groups.length > 1 });
    if (!parsed.ok) return { ok: false, problem: parsed.problem };
    parts.push(parsed.phrase);
  }
  return { ok: true, trigger: { parts, window: CUE_WINDOW } };
}

/** The cues of one entry that parse; the loader has already reported any that do not (see cueProblems). */
export function cuesFor(entryId: string, sources: readonly CueSource[]): EntryCue[] {
  return sources.flatMap((groups) => {
    const parsed = parseCue(groups);
    return parsed.ok ? [{ entryId, trigger: parsed.trigger }] : [];
  });
}

/** What is wrong with each cue that does not parse, by its position in the list. */
export function cueProblems(sources: readonly CueSource[]): { readonly index: number; readonly problem: string }[] {
  return sources.flatMap((groups, index) => {
    const parsed = parseCue(groups);
    return parsed.ok ? [] : [{ index, problem: parsed.problem }];
  });
}

/**
 * Cues pick an entry from what a question is about rather than how its words overlap: "I'm 20 weeks
 * pregnant, is myofascial release safe for me?" shares more words with the ART-vs-MFR comparison,
 * but pregnancy and "safe" together mean the risks entry. A cue's groups must all appear within
 * CUE_WINDOW words, un-negated ("not pregnant" is no cue). The first entry whose cue matches wins.
 */
export class EntryCues {
  private readonly index: PhraseIndex;

  constructor(private readonly cues: readonly EntryCue[]) {
    this.index = new PhraseIndex(cues.flatMap((cue) => cue.trigger.parts));
  }

  /** The id of the first entry a cue in the message points to. */
  entryFor(text: NormalizedText): string | undefined {
    if (this.cues.length === 0) return undefined;
    const message = toClausedTokens(text);
    const found = this.index.scan(message.tokens);
    const spansOf = (phrase: Phrase): readonly TokenSpan[] => found.get(phrase) ?? [];
    return this.cues.find((cue) => matchingCombination(cue.trigger, message, spansOf) !== undefined)?.entryId;
  }
}
