import { ContainerClient, RestError } from '@azure/storage-blob';
import type { StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { CREATE_IF_ABSENT } from '../../dialogs/safetyHold';

/**
 * botbuilder-azure-blobs' BlobsStorage (state as one JSON blob per key, ETag-checked writes), plus
 * the one precondition it lacks: an item written with the CREATE_IF_ABSENT ETag is created only if
 * no blob exists yet (If-None-Match: *), so two turns creating the safety hold at once cannot
 * overwrite each other. Everything else is BlobsStorage's own code.
 */
export class BlobStateStorage extends BlobsStorage {
  private readonly container: ContainerClient;

  constructor(connectionString: string, containerName: string) {
    super(connectionString, containerName);
    this.container = new ContainerClient(connectionString, containerName);
  }

  override async write(changes: StoreItems): Promise<void> {
    const plain: StoreItems = {};
    const creations: [string, Record<string, unknown>][] = [];
    const items: Record<string, Record<string, unknown>> = changes;
    for (const [key, item] of Object.entries(items)) {
      const { eTag, ...value } = item;
      if (eTag === CREATE_IF_ABSENT) creations.push([key, value]);
      else plain[key] = item;
    }
    if (Object.keys(plain).length > 0 || creations.length === 0) await super.write(plain);
    for (const [key, value] of creations) {
      // read([]) makes BlobsStorage create the container first, as its own writes do.
      await super.read([]);
      const serialized = JSON.stringify(value);
      try {
        await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(serialized, Buffer.byteLength(serialized), {
          conditions: { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      } catch (error) {
        if (error instanceof RestError && (error.statusCode === 409 || error.statusCode === 412)) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`, { cause: error });
        }
        throw error;
      }
    }
  }
}
