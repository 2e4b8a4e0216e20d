import type { Storage } from 'botbuilder';
import type { StateSettings } from '../config';
import type { BlobStateStorage } from './blobStateStorage';
import { BoundedMemoryStorage } from './boundedMemoryStorage';

/** Keys per conversation: its dialog state and its safety hold. */
const KEYS_PER_CONVERSATION = 2;

/** The storage STATE_STORAGE selects: Azure Blob (durable, shared by instances) or bounded memory (development). */
export function createStorage(settings: StateSettings): Storage {
  if (settings.kind === 'blob') {
    // Loaded only for Blob storage: the Azure SDK takes a fifth of a second to load, which memory mode never needs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BlobStateStorage: Blob } = require('./blobStateStorage') as { BlobStateStorage: typeof BlobStateStorage };
    return new Blob(settings.connectionString, settings.container);
  }
  return new BoundedMemoryStorage({ idleTtlMs: settings.idleTtlMs, maxItems: settings.maxConversations * KEYS_PER_CONVERSATION });
}
