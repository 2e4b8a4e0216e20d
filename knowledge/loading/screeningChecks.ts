import type { Provider } from '../schemas/providersSchema';
import type { Screening } from '../schemas/screeningSchema';
import { phrasingKey } from '../text/normalizeText';
import { EMERGENCY_NUMBER } from './clinicPlaceholders';
import type { KnowledgeBaseProblem } from './knowledgeBaseError';
import type { YamlFile } from './yamlFile';

function duplicateIds(items: readonly { id: string }[]): Set<number> {
  const seen = new Set<string>();
  const duplicates = new Set<number>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) duplicates.add(index);
    seen.add(item.id);
  });
  return duplicates;
}

/** Cross-checks of screening.yaml: ids, question order, the emergency number, answers listed twice. */
export function checkScreening(file: YamlFile, screening: Screening): KnowledgeBaseProblem[] {
  const problems: KnowledgeBaseProblem[] = [];
  for (const index of duplicateIds(screening.questions)) {
    problems.push(file.problemAt(['questions', index, 'id'], `the id "${screening.questions[index]?.id}" is used by more than one question`));
  }
  for (const index of duplicateIds(screening.areas)) {
    problems.push(file.problemAt(['areas', index, 'id'], `the id "${screening.areas[index]?.id}" is used by more than one area`));
  }
  // A see-doctor "yes" ends the screen, so an emergency question after it might never be asked.
  const firstNonEmergency = screening.questions.findIndex((question) => question.level !== 'emergency');
  screening.questions.forEach((question, index) => {
    if (question.level === 'emergency' && firstNonEmergency !== -1 && index > firstNonEmergency) {
      problems.push(file.problemAt(['questions', index, 'level'], 'emergency questions must come first: a see-doctor or caution question is asked before this one'));
    }
    if (question.level === 'emergency' && !EMERGENCY_NUMBER.test(question.onYes ?? '')) {
      problems.push(file.problemAt(['questions', index, 'onYes'], 'must tell the patient to call {{clinic.emergencyNumber}}'));
    }
  });
  const yesAnswers = new Set(screening.answers.yes.map((answer) => phrasingKey(answer)));
  screening.answers.no.forEach((answer, index) => {
    if (yesAnswers.has(phrasingKey(answer))) {
      problems.push(file.problemAt(['answers', 'no', index], `"${answer}" is listed as both a yes and a no`));
    }
  });
  return problems;
}

/** Cross-checks of providers.yaml against the areas the screen asks about. */
export function checkProviders(file: YamlFile, providers: readonly Provider[], screening: Screening): KnowledgeBaseProblem[] {
  const problems: KnowledgeBaseProblem[] = [];
  for (const index of duplicateIds(providers)) {
    problems.push(file.problemAt(['providers', index, 'id'], `the id "${providers[index]?.id}" is used by more than one provider`));
  }
  const areaIds = new Set(screening.areas.map((area) => area.id));
  providers.forEach((provider, index) => {
    provider.areas.forEach((area, areaIndex) => {
      if (!areaIds.has(area)) {
        problems.push(
          file.problemAt(['providers', index, 'areas', areaIndex], `"${area}" is not an area the screening asks about (screening.yaml areas: ${[...areaIds].join(', ')})`),
        );
      }
    });
  });
  return problems;
}
