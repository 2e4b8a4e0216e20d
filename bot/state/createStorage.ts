import type { Storage } from 'botbuilder';
import type { StateSettings } from '../config';
import { BlobStateStorage } from './blobStateStorage';
import { BoundedMemoryStorage } from './boundedMemoryStorage';

/** Keys per conversation: its dialog state and its safety hold. */
const KEYS_PER_CONVERSATION = 2;

/** The storage STATE_STORAGE selects: Azure Blob (durable, shared by instances) or bounded memory (development). */
export function createStorage(settings: StateSettings): Storage {
  if (settings.kind === 'blob') return new BlobStateStorage(settings.connectionString, settings.container);
  return new BoundedMemoryStorage({ idleTtlMs: settings.idleTtlMs, maxItems: settings.maxConversations * KEYS_PER_CONVERSATION });
}
