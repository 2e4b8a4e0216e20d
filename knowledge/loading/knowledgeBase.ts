import type { SafetyRules } from '../schemas/safetySchema';
import type { SafetyModel } from '../schemas/safetyModelSchema';
import type { Clinic } from '../schemas/clinicSchema';
import type { Conversation } from '../schemas/conversationSchema';
import type { FaqEntry, Source } from '../schemas/faqSchema';
import type { GapsSettings } from '../schemas/gapsSchema';
import type { MatchingSettings } from '../schemas/matchingSchema';
import type { FaqModel } from '../schemas/faqModelSchema';
import type { Provider } from '../schemas/providersSchema';
import type { Screening } from '../schemas/screeningSchema';
import type { SynonymsFile } from '../schemas/synonymsSchema';

/** Everything the clinic curates, validated, with {{clinic.*}} placeholders already filled in. */
export interface KnowledgeBase {
  readonly clinic: Clinic;
  readonly sources: readonly Source[];
  readonly faq: readonly FaqEntry[];
  readonly synonyms: SynonymsFile;
  readonly safety: SafetyRules;
  /** The learned second opinion that may ask one check question (safety-model.yaml). */
  readonly safetyModel: SafetyModel;
  readonly conversation: Conversation;
  readonly matching: MatchingSettings;
  /** The learned topic model that may answer where the ranking was unsure (faq-model.yaml). */
  readonly faqModel: FaqModel;
  readonly screening: Screening;
  readonly providers: readonly Provider[];
  /** What the gaps log must never keep, besides safety.yaml's words. */
  readonly gaps: GapsSettings;
}

/** The YAML files of a knowledge base, by role. */
export const KNOWLEDGE_FILES = {
  clinic: 'clinic.yaml',
  sources: 'sources.yaml',
  faq: 'faq.yaml',
  synonyms: 'synonyms.yaml',
  safety: 'safety.yaml',
  safetyModel: 'safety-model.yaml',
  conversation: 'conversation.yaml',
  matching: 'matching.yaml',
  faqModel: 'faq-model.yaml',
  screening: 'screening.yaml',
  providers: 'providers.yaml',
  gaps: 'gaps.yaml',
} as const;
