import { join } from 'node:path';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import type { KnowledgeBase } from '../loading/knowledgeBase';
import { loadKnowledgeBase } from '../loading/loadKnowledgeBase';
import { findProjectRoot } from '../loading/projectRoot';

/** The knowledge folder: KNOWLEDGE_DIR, or knowledge/ in this project. */
export function knowledgeDirectory(): string {
  return process.env.KNOWLEDGE_DIR?.trim() || join(findProjectRoot(), 'knowledge');
}

/** The labelled evaluation sets: EVAL_DIR, or tests/eval in this project (a developer's checkout). */
export function evaluationDirectory(): string {
  return process.env.EVAL_DIR?.trim() || join(findProjectRoot(), 'tests', 'eval');
}

/** Loads the knowledge base, or prints every problem in plain words and exits with status 1. */
export function loadKnowledgeBaseOrExit(directory = knowledgeDirectory()): KnowledgeBase {
  try {
    return loadKnowledgeBase(directory);
  } catch (error) {
    if (error instanceof KnowledgeBaseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** The value after a flag such as --file, or undefined. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index === -1 ? undefined : args[index + 1];
}

/** Every value of a flag that may repeat: --file a.yaml --file b.yaml. */
export function flagValues(args: readonly string[], flag: string): string[] {
  return args.flatMap((arg, index) => (arg === flag && args[index + 1] !== undefined ? [args[index + 1] ?? ''] : []));
}

export function exitWithUsage(usage: string): never {
  console.error(usage);
  process.exit(2);
}
