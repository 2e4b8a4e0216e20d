import { FORGET_ME_ID, type Conversation } from '../schemas/conversationSchema';
import { phrasingKey } from '../text/normalizeText';
import type { KnowledgeBaseProblem } from './knowledgeBaseError';
import type { YamlFile } from './yamlFile';

/**
 * A list of FAQ ids in conversation.yaml (topics, fallbackTopics): each must name an entry of
 * faq.yaml, once. A problem names the file, the id as its entry, the field and the line.
 */
export function checkFaqIdList(
  file: YamlFile,
  field: 'topics' | 'fallbackTopics',
  ids: readonly string[],
  faqIds: ReadonlySet<string>,
  /** When faq.yaml has a duplicate id, its message covers ids that point nowhere (see checkFaqEntries). */
  { skipUnknown = false }: { readonly skipUnknown?: boolean } = {},
): KnowledgeBaseProblem[] {
  const problems: KnowledgeBaseProblem[] = [];
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    const at = (message: string): KnowledgeBaseProblem => ({ ...file.problemAt([field, index], message), entryId: id });
    if (!faqIds.has(id)) {
      if (!skipUnknown) problems.push(at(`"${id}" is not the id of any FAQ entry in faq.yaml`));
    }
    else if (seen.has(id)) problems.push(at(`"${id}" is listed more than once`));
    seen.add(id);
  });
  return problems;
}

/**
 * Button labels that are read back as commands ("See all topics") must not also be a small-talk
 * phrase: pressing the button would then do what the phrase does instead.
 */
export function checkButtonLabels(file: YamlFile, conversation: Conversation): KnowledgeBaseProblem[] {
  const label = phrasingKey(conversation.allTopics.label);
  const intent = conversation.smallTalk.find((candidate) => candidate.phrases.some((phrase) => phrasingKey(phrase) === label));
  if (intent === undefined) return [];
  return [file.problemAt(['allTopics', 'label'], `"${conversation.allTopics.label}" is also a phrase of the smallTalk intent "${intent.id}"; choose a label no phrase uses`)];
}

/** The placeholders conversation.yaml's reviewedLine may use besides the clinic's. */
export const REVIEW_PLACEHOLDERS = ['review.by', 'review.on'] as const;

/**
 * The review texts: reviewPending hands the patient to a person, so it must give {{clinic.phone}};
 * reviewedLine must say who reviewed the answer and when.
 */
export function checkReviewTexts(file: YamlFile, conversation: Conversation): KnowledgeBaseProblem[] {
  const problems: KnowledgeBaseProblem[] = [];
  if (!/\{\{\s*clinic\.phone\s*\}\}/.test(conversation.reviewPending)) {
    problems.push(file.problemAt(['reviewPending'], 'must give the clinic\'s phone, so the patient can ask a person: write {{clinic.phone}} in it'));
  }
  for (const name of REVIEW_PLACEHOLDERS) {
    if (!new RegExp(`\\{\\{\\s*${name.replace('.', '\\.')}\\s*\\}\\}`).test(conversation.reviewedLine)) {
      problems.push(file.problemAt(['reviewedLine'], `must contain {{${name}}}, for example: Reviewed by {{review.by}} on {{review.on}}`));
    }
  }
  return problems;
}

/**
 * The forget-me intent must say, when a safety hold is kept, that booking stays paused for safety
 * (`whileOnHold`); no other intent has such a line, since no other deletes anything.
 */
export function checkForgetMe(file: YamlFile, conversation: Conversation): KnowledgeBaseProblem[] {
  return conversation.smallTalk.flatMap((intent, index): KnowledgeBaseProblem[] => {
    if (intent.id === FORGET_ME_ID && intent.whileOnHold === undefined) {
      return [file.problemAt(['smallTalk', index], 'needs "whileOnHold": the line added to the reply when a safety hold is kept, saying booking stays paused for safety')];
    }
    if (intent.id !== FORGET_ME_ID && intent.whileOnHold !== undefined) {
      return [file.problemAt(['smallTalk', index, 'whileOnHold'], `is only for the "${FORGET_ME_ID}" intent, whose reply says a safety hold was kept`)];
    }
    return [];
  });
}

/**
 * The reply to "Did this help?" → No hands the patient to a person: it must give {{clinic.phone}},
 * which also becomes its Call button.
 */
export function checkFeedbackTexts(file: YamlFile, conversation: Conversation): KnowledgeBaseProblem[] {
  if (/\{\{\s*clinic\.phone\s*\}\}/.test(conversation.feedback.notHelpful)) return [];
  return [file.problemAt(['feedback', 'notHelpful'], 'must give the clinic\'s phone, so the patient can ask a person: write {{clinic.phone}} in it')];
}
