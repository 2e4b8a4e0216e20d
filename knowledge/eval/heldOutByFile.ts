/**
 * What a model says of each example when fitted without the example's file: what it would say of a
 * writer it never saw. Files (groups) are dealt into `folds` groups in name order, so the split is
 * the same every run; `fit` is called once per fold.
 */
export function heldOutByFile<Example extends { readonly group: string }, Model, Result>(
  examples: readonly Example[],
  folds: number,
  fit: (training: readonly Example[]) => Model,
  predict: (model: Model, example: Example) => Result,
): Result[] {
  const groups = [...new Set(examples.map((example) => example.group))].sort();
  const foldOf = new Map(groups.map((group, index) => [group, index % folds]));
  const results = new Array<Result>(examples.length);
  for (let fold = 0; fold < folds; fold += 1) {
    const model = fit(examples.filter((example) => foldOf.get(example.group) !== fold));
    examples.forEach((example, index) => {
      if (foldOf.get(example.group) === fold) results[index] = predict(model, example);
    });
  }
  return results;
}
