import { ContainerClient, RestError } from '@azure/storage-blob';
import type { DailyFiles } from './dailyFiles';

/** Read-modify-write attempts before an update gives up on repeated ETag conflicts. */
const MAX_UPDATE_ATTEMPTS = 20;

function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/**
 * The gaps log's files as blobs in their own container, in the storage account that holds the
 * conversation state (STATE_STORAGE=blob). Appends go to append blobs, which Azure appends to
 * atomically; updates are ETag-checked and retried on a conflict, so several instances can share it.
 */
export class BlobFiles implements DailyFiles {
  private readonly container: ContainerClient;
  private created: Promise<unknown> | undefined;

  constructor(connectionString: string, containerName: string) {
    this.container = new ContainerClient(connectionString, containerName);
  }

  async append(name: string, line: string): Promise<void> {
    await this.ensureContainer();
    const blob = this.container.getAppendBlobClient(name);
    await blob.createIfNotExists({ blobHTTPHeaders: { blobContentType: 'application/x-ndjson; charset=utf-8' } });
    const block = `${line}\n`;
    await blob.appendBlock(block, Buffer.byteLength(block));
  }

  async update(name: string, change: (current: string | undefined) => string): Promise<void> {
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(name);
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.download(name);
      const text = change(current?.text);
      try {
        await blob.upload(text, Buffer.byteLength(text), {
          conditions: current === undefined ? { ifNoneMatch: '*' } : { ifMatch: current.eTag },
          blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        });
        return;
      } catch (error) {
        const conflict = statusOf(error) === 409 || statusOf(error) === 412;
        if (!conflict || attempt >= MAX_UPDATE_ATTEMPTS) throw error;
      }
    }
  }

  async read(name: string): Promise<string | undefined> {
    return (await this.download(name))?.text;
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    try {
      for await (const blob of this.container.listBlobsFlat()) names.push(blob.name);
    } catch (error) {
      if (statusOf(error) === 404) return [];
      throw error;
    }
    return names;
  }

  async remove(name: string): Promise<void> {
    try {
      await this.container.getBlobClient(name).deleteIfExists();
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  private async download(name: string): Promise<{ readonly text: string; readonly eTag: string } | undefined> {
    try {
      const response = await this.container.getBlobClient(name).download();
      const body = response.readableStreamBody;
      const chunks: Buffer[] = [];
      if (body !== undefined) for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      return { text: Buffer.concat(chunks).toString('utf8'), eTag: response.etag ?? '' };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private ensureContainer(): Promise<unknown> {
    this.created ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.created = undefined;
      throw error;
    });
    return this.created;
  }
}
