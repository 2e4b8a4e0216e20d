import { stemWord } from './stemWord';

/**
 * What the learned models (safety-model.yaml, faq-model.yaml) read of a message: each word's stem,
 * and each pair of neighbouring stems within a clause ("not wake", "how long"), so a few words in a
 * row count more than scattered ones. Words only: numbers are left out.
 */
export function learnedFeatures(clauses: readonly (readonly string[])[]): string[] {
  const features = new Set<string>();
  for (const clause of clauses) {
    // Numbers are mostly ages, dates and times: noise to a model of what people say.
    const stems = clause.filter((word) => /[a-z]/.test(word)).map(stemWord);
    stems.forEach((stem, index) => {
      features.add(stem);
      const next = stems[index + 1];
      if (next !== undefined) features.add(`${stem} ${next}`);
    });
  }
  return [...features];
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));
}
