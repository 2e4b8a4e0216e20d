import type { GapsSettings } from '../config';
import type { Clock } from '../web/clock';
import { BlobFiles } from './blobFiles';
import { FolderFiles } from './folderFiles';
import { LearningStore } from './learningStore';

/** The gaps log's store that the settings select: files under GAPS_DIR, or a Blob container with STATE_STORAGE=blob. */
export function createLearningStore(settings: GapsSettings, clock?: Clock): LearningStore {
  const { store } = settings;
  const files = store.kind === 'blob' ? new BlobFiles(store.connectionString, store.container) : new FolderFiles(store.directory);
  return new LearningStore(files, { retentionDays: settings.retentionDays, ...(clock === undefined ? {} : { clock }) });
}
