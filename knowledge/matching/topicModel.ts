import { OUT_OF_SCOPE_TOPIC, type FaqModel } from '../schemas/faqModelSchema';
import { learnedFeatures } from '../text/learnedFeatures';
import { stemWord } from '../text/stemWord';
import type { AnalyzedText } from '../text/textAnalyzer';

export interface TopicGuess {
  /** An FAQ entry id, or `none` (out of scope). */
  readonly id: string;
  readonly probability: number;
}

/**
 * A learned second opinion on which FAQ entry a question is about (faq-model.yaml): a softmax model
 * over the question's word stems and pairs of stems, fitted on messages that blind writers wrote in
 * many registers (formal, texting, second language). The ranking compares a question with the FAQ's
 * own phrasings; the model has seen how patients actually ask ("the typical duration of a visit" is
 * about session length), so where the two agree the bot can answer instead of asking "did you mean".
 */
export class TopicModel {
  private readonly topics: readonly { readonly id: string; readonly bias: number; readonly weights: ReadonlyMap<string, number> }[];
  readonly answerAt: number;
  readonly switchAt: number;
  readonly noneAt: number;

  /** `entryIds`: the FAQ's entries now; a topic fitted for an entry that no longer exists is left out. */
  constructor(model: FaqModel, entryIds: ReadonlySet<string>) {
    this.answerAt = model.answerAt;
    this.switchAt = model.switchAt;
    this.noneAt = model.noneAt;
    this.topics = Object.entries(model.topics)
      .filter(([id]) => id === OUT_OF_SCOPE_TOPIC || entryIds.has(id))
      .map(([id, topic]) => ({ id, bias: topic.bias, weights: new Map(Object.entries(topic.weights)) }));
  }

  /** The most likely topic and its probability (softmax), or undefined when the model knows no topics. */
  best(features: readonly string[]): TopicGuess | undefined {
    const scores = this.topics.map((topic) => features.reduce((sum, feature) => sum + (topic.weights.get(feature) ?? 0), topic.bias));
    if (scores.length === 0) return undefined;
    const top = Math.max(...scores);
    const total = scores.reduce((sum, score) => sum + Math.exp(score - top), 0);
    const topic = this.topics[scores.indexOf(top)];
    return topic === undefined ? undefined : { id: topic.id, probability: 1 / total };
  }
}

/** What the topic model reads of a question: the spell-corrected words and their pairs, and the words its synonyms give. */
export function topicFeatures(analyzed: AnalyzedText): string[] {
  return [...new Set([...learnedFeatures(analyzed.corrected.clauses), ...analyzed.words.filter((word) => /[a-z]/.test(word)).map(stemWord)])];
}

/**
 * Where faq-model.yaml and faq.yaml disagree: entries the model has never seen (added since the last
 * fit, so the ranking decides them alone) and topics for entries that no longer exist (ignored).
 */
export function topicModelGaps(entryIds: readonly string[], model: FaqModel): { readonly unseen: string[]; readonly gone: string[] } {
  const topics = new Set(Object.keys(model.topics));
  const entries = new Set(entryIds);
  return {
    unseen: entryIds.filter((id) => !topics.has(id)),
    gone: [...topics].filter((id) => id !== OUT_OF_SCOPE_TOPIC && !entries.has(id)),
  };
}
