import type { GapsSettings } from '../config';
import type { Clock } from '../web/clock';
import type { BlobFiles } from './blobFiles';
import type { DailyFiles } from './dailyFiles';
import { FolderFiles } from './folderFiles';
import { LearningStore } from './learningStore';

/** The gaps log's store that the settings select: files under GAPS_DIR, or a Blob container with STATE_STORAGE=blob. */
export function createLearningStore(settings: GapsSettings, clock?: Clock): LearningStore {
  const { store } = settings;
  let files: DailyFiles;
  if (store.kind === 'blob') {
    // Loaded only for Blob storage, as createStorage does: the Azure SDK is a fifth of a second at every start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BlobFiles: Blob } = require('./blobFiles') as { BlobFiles: typeof BlobFiles };
    files = new Blob(store.connectionString, store.container);
  } else {
    files = new FolderFiles(store.directory);
  }
  return new LearningStore(files, { retentionDays: settings.retentionDays, ...(clock === undefined ? {} : { clock }) });
}
