import { stringify } from 'yaml';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import type { MessageRouter } from '../routing/messageRouter';
import { phrasingKey } from '../text/normalizeText';
import { leastHelpful, type EntryFeedback, type FeedbackCount } from './feedbackCounts';
import { clusterGaps, treatmentWords, withoutLabels, type GapCluster, type GapQuestion } from './gapClusters';
import { GAP_ROUTES, type GapRecord, type GapRoute } from './gapRecord';

/** Examples shown per cluster. */
const MAX_EXAMPLES = 5;
/** Nearest entries shown per cluster. */
const MAX_NEAREST = 3;
/** An entry is clearly meant when the ranking is at least this sure of it (more likely right than not)… */
const CLEARLY_MEANT_CONFIDENCE = 0.5;
/** …for at least this share of a cluster's questions. */
const CLEARLY_MEANT_SHARE = 2 / 3;

export interface NearEntry {
  readonly id: string;
  readonly question: string;
  /** The FAQ ranking's score for the cluster's questions, averaged (0 to 1). */
  readonly score: number;
}

/** The line to paste under an entry's alternates in faq.yaml. */
export interface AlternateSuggestion {
  readonly entryId: string;
  readonly question: string;
  /** The phrasing, as faq.yaml's alternates are written: lower case, no punctuation. */
  readonly alternate: string;
  /** Ready to paste, indented as in faq.yaml: "      - how much is a session for students". */
  readonly line: string;
  /** Redacted words ([number], [name]…) were left out of it: read it through before pasting. */
  readonly shortened: boolean;
}

export interface ClusterReport {
  readonly count: number;
  readonly routes: Readonly<Record<GapRoute, number>>;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly examples: readonly { readonly text: string; readonly count: number }[];
  readonly nearest: readonly NearEntry[];
  /** Set when one entry is clearly meant (and some of the questions are still unanswered). */
  readonly suggestion: AlternateSuggestion | undefined;
  /** No entry is clearly meant and the bot still does not answer them all: perhaps a topic faq.yaml lacks. */
  readonly newTopic: boolean;
  /** How many of its questions the bot answers today, with the knowledge base as it is now. */
  readonly nowAnswered: number;
}

export interface GapsReport {
  readonly total: number;
  readonly firstDay: string | undefined;
  readonly lastDay: string | undefined;
  readonly clusters: readonly ClusterReport[];
  readonly leastHelpful: readonly EntryFeedback[];
  readonly retentionDays: number;
}

/** faq.yaml's alternates are list items at this indentation. */
const ALTERNATE_INDENT = '      ';

/** A YAML list item holding the text as a string (quoted only where YAML would read it as something else). */
function alternateLine(alternate: string): string {
  return `${ALTERNATE_INDENT}- ${stringify(alternate).trim()}`;
}

/**
 * What `npm run kb:gaps` shows: clusters of similar unanswered questions, largest first, each with
 * examples, the entries the FAQ ranking puts nearest, and either a ready-to-paste alternates line
 * (when one entry is clearly meant) or "new topic?"; then the least helpful answers by 👍/👎.
 *
 * "Clearly meant": for at least two thirds of the cluster's questions, that entry ranks first and the
 * answer decision's calibrated confidence that it is right is at least 0.5 (more likely right than
 * wrong), and those patients did not press "None of these" when it was offered to them.
 */
export function buildGapsReport(
  records: readonly GapRecord[],
  feedback: readonly FeedbackCount[],
  knowledgeBase: KnowledgeBase,
  router: MessageRouter,
  retentionDays: number,
): GapsReport {
  const questions = new Map(knowledgeBase.faq.map((entry) => [entry.id, entry.question]));
  const clusters = clusterGaps(records, router, treatmentWords(knowledgeBase)).map((cluster) => describeCluster(cluster, knowledgeBase, router, questions));
  const days = records.map((record) => record.day).sort();
  return {
    total: records.length,
    firstDay: days[0],
    lastDay: days[days.length - 1],
    clusters,
    leastHelpful: leastHelpful(feedback, knowledgeBase),
    retentionDays,
  };
}

/** How the FAQ ranking reads one question of a cluster today. */
interface QuestionReading {
  readonly question: GapQuestion;
  /** The entry the ranking is more sure than not is meant, if any. */
  readonly offers: string | undefined;
  readonly confidence: number;
  /** Its records that back `offers`: all but those whose patient pressed "None of these" to it. */
  readonly backing: number;
  /** The bot answers it now, with the knowledge base as it is. */
  readonly answered: boolean;
  /** Entries offered to it as "did you mean" that the patient answered with "None of these". */
  readonly rejected: ReadonlySet<string>;
}

function describeCluster(cluster: GapCluster, knowledgeBase: KnowledgeBase, router: MessageRouter, questions: ReadonlyMap<string, string>): ClusterReport {
  const records = cluster.questions.flatMap((question) => question.records);
  const routes = Object.fromEntries(GAP_ROUTES.map((route) => [route, records.filter((record) => record.route === route).length])) as Record<GapRoute, number>;
  const days = records.map((record) => record.day).sort();
  const offeredTo = (record: GapRecord): readonly string[] => record.candidates.slice(0, knowledgeBase.matching.maxSuggestions).map((candidate) => candidate.id);

  const scores = new Map<string, number>();
  let nowAnswered = 0;
  const readings = cluster.questions.map((question): QuestionReading => {
    const text = withoutLabels(question.text);
    const weight = question.records.length;
    for (const candidate of router.rank(text, 5)) scores.set(candidate.id, (scores.get(candidate.id) ?? 0) + candidate.score * weight);
    const answered = router.route(text).route === 'answer';
    if (answered) nowAnswered += weight;
    const { ranking, confidence } = router.confidence(text);
    const top = ranking.candidates[0]?.id;
    const offers = top !== undefined && confidence >= CLEARLY_MEANT_CONFIDENCE ? top : undefined;
    const backing = offers === undefined ? 0 : question.records.filter((record) => record.route !== 'none-of-these' || !offeredTo(record).includes(offers)).length;
    const rejected = new Set(question.records.flatMap((record) => (record.route === 'none-of-these' ? offeredTo(record) : [])));
    return { question, offers, confidence, backing, answered, rejected };
  });

  const nearest = [...scores]
    .map(([id, total]) => ({ id, question: questions.get(id) ?? id, score: Math.round((total / cluster.count) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, MAX_NEAREST);
  const suggestion = nowAnswered === cluster.count ? undefined : suggestionFor(cluster.count, readings, questions);
  return {
    count: cluster.count,
    routes,
    firstDay: days[0] ?? '',
    lastDay: days[days.length - 1] ?? '',
    examples: cluster.questions.slice(0, MAX_EXAMPLES).map((question) => ({ text: question.text, count: question.records.length })),
    nearest,
    suggestion,
    newTopic: suggestion === undefined && nowAnswered < cluster.count,
    nowAnswered,
  };
}

function suggestionFor(count: number, readings: readonly QuestionReading[], questions: ReadonlyMap<string, string>): AlternateSuggestion | undefined {
  const backing = new Map<string, number>();
  for (const reading of readings) if (reading.offers !== undefined) backing.set(reading.offers, (backing.get(reading.offers) ?? 0) + reading.backing);
  const [entryId, backed] = [...backing].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (entryId === undefined || backed === undefined || backed < count * CLEARLY_MEANT_SHARE) return undefined;
  // A question the bot does not answer yet, nobody said "None of these" to the entry for, preferably one with nothing redacted.
  const examples = readings.filter((reading) => !reading.answered && !reading.rejected.has(entryId)).sort((a, b) => b.confidence - a.confidence);
  const chosen = examples.find((reading) => !/\[[a-z]+\]/.test(reading.question.text)) ?? examples[0];
  const alternate = chosen === undefined ? '' : phrasingKey(withoutLabels(chosen.question.text));
  if (chosen === undefined || alternate === '') return undefined;
  return { entryId, question: questions.get(entryId) ?? entryId, alternate, line: alternateLine(alternate), shortened: /\[[a-z]+\]/.test(chosen.question.text) };
}
