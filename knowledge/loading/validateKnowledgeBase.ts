import { join } from 'node:path';
import { clinicSchema, type Clinic } from '../schemas/clinicSchema';
import { conversationSchema } from '../schemas/conversationSchema';
import { faqFileSchema, sourcesFileSchema } from '../schemas/faqSchema';
import { loadGapsSettings } from '../schemas/gapsSchema';
import { matchingSchema } from '../schemas/matchingSchema';
import { faqModelSchema } from '../schemas/faqModelSchema';
import { loadSafetyRules } from '../schemas/safetySchema';
import { safetyModelSchema } from '../schemas/safetyModelSchema';
import { providersFileSchema } from '../schemas/providersSchema';
import { screeningSchema } from '../schemas/screeningSchema';
import { synonymsFileSchema } from '../schemas/synonymsSchema';
import { fillClinicPlaceholders } from './clinicPlaceholders';
import { cueProblems } from '../routing/entryCues';
import { checkButtonLabels, checkFaqIdList, checkFeedbackTexts, checkForgetMe, checkReviewTexts, REVIEW_PLACEHOLDERS } from './conversationChecks';
import { checkFaqEntries, duplicateFaqIds } from './faqChecks';
import { checkProviders, checkScreening } from './screeningChecks';
import { checkNoBookingLinks, checkTexts, textsOf } from './textChecks';
import { KNOWLEDGE_FILES, type KnowledgeBase } from './knowledgeBase';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from './knowledgeBaseError';
import type { ParseCache } from './parseCache';
import { YamlFile } from './yamlFile';

/**
 * Collects the problems of each step instead of stopping at the first file, so a curator
 * sees everything to fix in one run.
 */
class ProblemCollector {
  readonly problems: KnowledgeBaseProblem[] = [];

  attempt<T>(step: () => T): T | undefined {
    try {
      return step();
    } catch (error) {
      if (!(error instanceof KnowledgeBaseError)) throw error;
      this.problems.push(...error.problems);
      return undefined;
    }
  }

  add(problems: readonly KnowledgeBaseProblem[]): void {
    this.problems.push(...problems);
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** Fills {{clinic.*}} placeholders in every text of a parsed file, however deeply nested. */
function fillEveryText<T>(value: T, clinic: Clinic): T {
  if (typeof value === 'string') return fillClinicPlaceholders(value, clinic) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => fillEveryText(item, clinic)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillEveryText(item, clinic)])) as T;
  }
  return value;
}

/**
 * Reads and validates every YAML file of a knowledge base (see loadKnowledgeBase). Loaded only when
 * a knowledge base is not read back from the cache folder: the schemas are a few dozen
 * milliseconds of every start that needs none of them.
 */
export function validateKnowledgeBase(directory: string, parseCache: ParseCache | undefined): KnowledgeBase {
  const collector = new ProblemCollector();
  const read = (name: string): YamlFile | undefined => collector.attempt(() => YamlFile.read(join(directory, name), name, parseCache));

  const clinicFile = read(KNOWLEDGE_FILES.clinic);
  const sourcesFile = read(KNOWLEDGE_FILES.sources);
  const faqFile = read(KNOWLEDGE_FILES.faq);
  const synonymsFile = read(KNOWLEDGE_FILES.synonyms);
  const safetyFile = read(KNOWLEDGE_FILES.safety);
  const safetyModelFile = read(KNOWLEDGE_FILES.safetyModel);
  const conversationFile = read(KNOWLEDGE_FILES.conversation);
  const matchingFile = read(KNOWLEDGE_FILES.matching);
  const faqModelFile = read(KNOWLEDGE_FILES.faqModel);
  const screeningFile = read(KNOWLEDGE_FILES.screening);
  const providersFile = read(KNOWLEDGE_FILES.providers);
  const gapsFile = read(KNOWLEDGE_FILES.gaps);

  const clinic = clinicFile && collector.attempt(() => clinicFile.validate(clinicSchema));
  const sources = sourcesFile && collector.attempt(() => sourcesFile.validate(sourcesFileSchema).sources);
  const faq = faqFile && collector.attempt(() => faqFile.validate(faqFileSchema).entries);
  const synonyms = synonymsFile && collector.attempt(() => synonymsFile.validate(synonymsFileSchema));
  const safety = safetyFile && collector.attempt(() => loadSafetyRules(safetyFile));
  const safetyModel = safetyModelFile && collector.attempt(() => safetyModelFile.validate(safetyModelSchema));
  const conversation = conversationFile && collector.attempt(() => conversationFile.validate(conversationSchema));
  const matching = matchingFile && collector.attempt(() => matchingFile.validate(matchingSchema));
  const faqModel = faqModelFile && collector.attempt(() => faqModelFile.validate(faqModelSchema));
  const screening = screeningFile && collector.attempt(() => screeningFile.validate(screeningSchema));
  const providers = providersFile && collector.attempt(() => providersFile.validate(providersFileSchema).providers);
  const gaps = gapsFile && collector.attempt(() => loadGapsSettings(gapsFile));

  const linkedFromConversation = conversation ? [...conversation.topics, ...conversation.fallbackTopics] : [];
  if (faqFile && faq && sources) collector.add(checkFaqEntries(faqFile, faq, sources, linkedFromConversation));
  if (safetyModelFile && safetyModel && safety) {
    const concepts = safety.checks.map((check) => check.concept).join(', ');
    safetyModel.checks.forEach((model, index) => {
      if (safety.checks.some((check) => check.concept === model.concept)) return;
      collector.add([safetyModelFile.problemAt(['checks', index, 'concept'], `"${model.concept}" has no check question in safety.yaml (checks: ${concepts})`)]);
    });
  }
  if (matchingFile && matching) {
    for (const field of ['otherSenses', 'otherServices'] as const) {
      collector.add(cueProblems(matching[field]).map(({ index, problem }) => matchingFile.problemAt([field, index], problem)));
    }
  }
  if (conversationFile && conversation) {
    if (faq) {
      const faqIds = new Set(faq.map((entry) => entry.id));
      const options = { skipUnknown: duplicateFaqIds(faq).size > 0 };
      collector.add(checkFaqIdList(conversationFile, 'topics', conversation.topics, faqIds, options));
      collector.add(checkFaqIdList(conversationFile, 'fallbackTopics', conversation.fallbackTopics, faqIds, options));
    }
    collector.add(checkButtonLabels(conversationFile, conversation));
    collector.add(checkReviewTexts(conversationFile, conversation));
    collector.add(checkForgetMe(conversationFile, conversation));
    collector.add(checkFeedbackTexts(conversationFile, conversation));
  }
  if (screeningFile && screening) {
    collector.add(checkScreening(screeningFile, screening));
    if (providersFile && providers) collector.add(checkProviders(providersFile, providers, screening));
  }

  // Every text patients may see: placeholders that can be filled, and no booking link outside provider cards.
  const bookingUrls = [clinic?.bookingUrl, ...(providers ?? []).map((provider) => provider.bookingUrl)].filter((url): url is string => url !== undefined);
  const textOptions = { clinic, bookingUrls };
  if (faqFile && faq) collector.add(checkTexts(faqFile, textsOf(faq, ['entries']), textOptions));
  if (conversationFile && conversation) {
    // reviewedLine alone may also say who reviewed an answer and when ({{review.by}}, {{review.on}}).
    const [reviewed, others] = partition(textsOf(conversation), ([, path]) => path[0] === 'reviewedLine');
    collector.add(checkTexts(conversationFile, others, textOptions));
    collector.add(checkTexts(conversationFile, reviewed, { ...textOptions, extraPlaceholders: REVIEW_PLACEHOLDERS }));
  }
  if (screeningFile && screening) collector.add(checkTexts(screeningFile, textsOf(screening), { ...textOptions, extraPlaceholders: ['caution'] }));
  // loadSafetyRules already checks these messages' placeholders (a stricter list) and braces.
  if (safetyFile && safety) collector.add(checkNoBookingLinks(safetyFile, textsOf(safety.messages, ['messages']), bookingUrls));

  if (collector.problems.length > 0 || !clinic || !sources || !faq || !synonyms || !safety || !safetyModel || !conversation || !matching || !faqModel || !screening || !providers || !gaps) {
    throw new KnowledgeBaseError(collector.problems);
  }
  return {
    clinic,
    sources,
    faq: faq.map((entry) => ({ ...entry, answer: fillClinicPlaceholders(entry.answer, clinic) })),
    synonyms,
    safety,
    safetyModel,
    conversation: fillEveryText(conversation, clinic),
    matching,
    faqModel,
    screening: fillEveryText(screening, clinic),
    providers,
    gaps,
  };
}
