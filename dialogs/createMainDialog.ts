import type { BotState } from 'botbuilder';
import type { KnowledgeBase } from '../knowledge/loading/knowledgeBase';
import type { ReplyComposer } from '../knowledge/replies/replyComposer';
import type { MessageRouter } from '../knowledge/routing/messageRouter';
import { YesNoReader, type YesNoAnswers } from '../knowledge/screening/screeningAnswers';
import { AnswerFeedback, type AnswerFeedbackOptions } from './answerFeedback';
import { MainDialog } from './mainDialog';
import { SafetyCheckDialog } from './safetyCheckDialog';
import { SafetyChecksAsked } from './safetyChecksAsked';
import type { SafetyHold } from './safetyHold';
import { ScreeningDialog } from './screeningDialog';

/**
 * Wires the dialogs: the main dialog, the screen before booking, and the safety check question both
 * can ask. Check answers are understood in English (screening.yaml) and every language safety.yaml writes.
 * "Did this help?" presses go to `feedback.sink` (by default nowhere).
 */
export function createMainDialog(
  knowledgeBase: KnowledgeBase,
  router: MessageRouter,
  composer: ReplyComposer,
  conversationState: BotState,
  safetyHold: SafetyHold,
  feedback: AnswerFeedbackOptions = {},
): MainDialog {
  const checksAsked = new SafetyChecksAsked(conversationState);
  const otherLanguages = Object.values(knowledgeBase.safety.messages).flatMap((messages): YesNoAnswers[] => (messages.answers === undefined ? [] : [messages.answers]));
  const answers = new YesNoReader([knowledgeBase.screening.answers, ...otherLanguages]);
  const checkDialog = new SafetyCheckDialog(router, composer, checksAsked, safetyHold, answers);
  const screening = new ScreeningDialog(knowledgeBase, router, composer, safetyHold, checksAsked, checkDialog);
  return new MainDialog(router, composer, screening, safetyHold, checksAsked, checkDialog, new AnswerFeedback(conversationState, feedback));
}
