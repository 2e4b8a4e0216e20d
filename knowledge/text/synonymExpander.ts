import type { SynonymGroup } from '../schemas/synonymsSchema';
import { normalizeText } from './normalizeText';

interface Replacement {
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/**
 * Rewrites the words patients use into the words the FAQ uses ("physio" → "physical therapist"),
 * longest phrase first, so both sides of a comparison speak the same vocabulary.
 */
export class SynonymExpander {
  private readonly replacementsByFirstWord = new Map<string, Replacement[]>();

  constructor(groups: readonly SynonymGroup[]) {
    for (const group of groups) {
      const to = normalizeText(group.canonical).tokens;
      for (const variant of group.variants) {
        const from = normalizeText(variant).tokens;
        const first = from[0];
        if (first === undefined) continue;
        const list = this.replacementsByFirstWord.get(first) ?? [];
        list.push({ from, to });
        list.sort((a, b) => b.from.length - a.from.length);
        this.replacementsByFirstWord.set(first, list);
      }
    }
  }

  expand(tokens: readonly string[]): string[] {
    const output: string[] = [];
    let index = 0;
    while (index < tokens.length) {
      const word = tokens[index] as string;
      const replacement = this.replacementsByFirstWord
        .get(word)
        ?.find(({ from }) => from.every((part, offset) => tokens[index + offset] === part));
      if (replacement === undefined) {
        output.push(word);
        index += 1;
      } else {
        output.push(...replacement.to);
        index += replacement.from.length;
      }
    }
    return output;
  }

  /** Every word on either side of a synonym, so typos can be corrected toward them. */
  vocabulary(): Set<string> {
    const words = new Set<string>();
    for (const replacements of this.replacementsByFirstWord.values()) {
      for (const { from, to } of replacements) for (const word of [...from, ...to]) words.add(word);
    }
    return words;
  }
}
