import type { KnowledgeBase } from '../loading/knowledgeBase';
import { isFillerWord, isQuestionWord } from '../matching/matchingTerms';
import { phrasingKey } from '../text/normalizeText';
import { stemWord } from '../text/stemWord';
import type { GapRecord } from './gapRecord';
import type { TextAnalysis } from './gapsLog';

/** How alike two questions must be (cosine of their weighted terms, 0 to 1) to share a cluster. */
export const CLUSTER_SIMILARITY = 0.4;

/** The same question, as the records hold it after redaction: its text and every record of it. */
export interface GapQuestion {
  readonly text: string;
  readonly records: readonly GapRecord[];
}

/** Similar unanswered questions, the most frequent first. */
export interface GapCluster {
  readonly questions: readonly GapQuestion[];
  readonly count: number;
}

/** What a record's text is about, without the redaction labels ([number], [name]…). */
export function withoutLabels(text: string): string {
  return text.replace(/\[[a-z]+\]/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Words every question to the clinic may use, which say nothing about what it asks: safety.yaml's
 * "treatment" concept (ART, massage, session, therapist, clinic…). "Do you do home visits" and "how
 * much is a session for students" share "session" (a visit is a session), not a topic.
 */
export function treatmentWords(knowledgeBase: KnowledgeBase): (word: string) => boolean {
  const treatment = knowledgeBase.safety.concepts.find((concept) => concept.id === 'treatment');
  const single = (treatment?.terms.alternatives ?? []).flatMap((sequence) => (sequence.length === 1 && sequence[0] !== undefined ? [sequence[0]] : []));
  const exact = new Set(single.filter((word) => !word.anyEnding).map((word) => word.text));
  const stems = single.filter((word) => word.anyEnding).map((word) => word.text);
  return (word) => exact.has(word) || stems.some((stem) => word.startsWith(stem));
}

/**
 * What a question is about: the stems of its topical words (not filler, question-shaping, treatment
 * words or numbers); a question with none keeps all but its filler words.
 */
function topicTerms(words: readonly string[], isTreatmentWord: (word: string) => boolean): Set<string> {
  const topical = words.filter((word) => !isFillerWord(word) && !isQuestionWord(word) && !isTreatmentWord(word) && !/\d/.test(word)).map(stemWord);
  return new Set(topical.length > 0 ? topical : words.filter((word) => !isFillerWord(word)).map(stemWord));
}

type Vector = Map<string, number>;

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, weight] of a) {
    normA += weight * weight;
    dot += weight * (b.get(term) ?? 0);
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

function addTo(sum: Vector, vector: Vector, times: number): void {
  for (const [term, weight] of vector) sum.set(term, (sum.get(term) ?? 0) + weight * times);
}

interface Forming {
  readonly questions: GapQuestion[];
  readonly centroid: Vector;
}

/**
 * Groups unanswered questions that ask the same thing. Each text goes through the router's own
 * analysis (spelling corrected, synonyms applied) and is reduced to the stems of its topical words
 * (see topicTerms), weighted by how rare they are among these questions. The most frequent question
 * starts the first cluster; each next one joins the cluster it is most like, if alike enough, or
 * starts its own; clusters that end up alike are then merged. The same input gives the same clusters.
 */
export function clusterGaps(
  records: readonly GapRecord[],
  analysis: TextAnalysis,
  isTreatmentWord: (word: string) => boolean = () => false,
  similarity = CLUSTER_SIMILARITY,
): GapCluster[] {
  const byKey = new Map<string, { text: string; records: GapRecord[] }>();
  for (const record of records) {
    const key = phrasingKey(record.text) || record.text;
    const question = byKey.get(key) ?? { text: record.text, records: [] };
    question.records.push(record);
    byKey.set(key, question);
  }
  const questions = [...byKey.values()].sort((a, b) => b.records.length - a.records.length || a.text.localeCompare(b.text));
  const terms = questions.map((question) => topicTerms(analysis.analyze(withoutLabels(question.text)).words, isTreatmentWord));
  const documents = new Map<string, number>();
  for (const set of terms) for (const term of set) documents.set(term, (documents.get(term) ?? 0) + 1);
  const vectors = terms.map((set): Vector => new Map([...set].map((term) => [term, Math.log(1 + questions.length / (documents.get(term) ?? 1))])));

  const clusters: Forming[] = [];
  questions.forEach((question, index) => {
    const vector = vectors[index] ?? new Map<string, number>();
    let best: Forming | undefined;
    let bestSimilarity = similarity;
    for (const cluster of clusters) {
      const alike = cosine(vector, cluster.centroid);
      if (alike >= bestSimilarity) {
        best = cluster;
        bestSimilarity = alike;
      }
    }
    const target = best ?? { questions: [], centroid: new Map<string, number>() };
    if (best === undefined) clusters.push(target);
    target.questions.push(question);
    addTo(target.centroid, vector, question.records.length);
  });

  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let first = 0; first < clusters.length; first += 1) {
      for (let second = first + 1; second < clusters.length; second += 1) {
        const a = clusters[first];
        const b = clusters[second];
        if (a === undefined || b === undefined || cosine(a.centroid, b.centroid) < similarity) continue;
        a.questions.push(...b.questions);
        addTo(a.centroid, b.centroid, 1);
        clusters.splice(second, 1);
        merged = true;
        break outer;
      }
    }
  }

  return clusters
    .map((cluster) => {
      const sorted = [...cluster.questions].sort((a, b) => b.records.length - a.records.length || a.text.localeCompare(b.text));
      return { questions: sorted, count: sorted.reduce((total, question) => total + question.records.length, 0) };
    })
    .sort((a, b) => b.count - a.count || (a.questions[0]?.text ?? '').localeCompare(b.questions[0]?.text ?? ''));
}
