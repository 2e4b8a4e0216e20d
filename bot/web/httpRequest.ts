import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as-is; objects must be serialised by the caller (see postJson). */
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Sends one HTTP request; injected so tests can swap the network. */
export type HttpClient = (request: HttpRequest) => Promise<HttpResponse>;

/** The request took longer than its timeoutMs (connecting, waiting or reading). */
export class HttpTimeoutError extends Error {
  override name = 'HttpTimeoutError';
}

/** Upper bound on a response body we are willing to buffer; every caller expects a small JSON reply. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

/**
 * A small node:http/https client. Not global fetch on purpose: nock (which stands in
 * for Direct Line in tests) intercepts node:http reliably but breaks fetch POSTs.
 */
export const sendHttpRequest: HttpClient = (request) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);

    const outgoing = transport.request(url, { method: request.method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          outgoing.destroy(new Error(`The response from ${url.host} is larger than ${MAX_RESPONSE_BYTES} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('end', () => {
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      incoming.on('error', reject);
    });
    // One deadline for the whole exchange: socket timeouts alone would not cap a slowly dribbling reply.
    const timer = setTimeout(() => {
      outgoing.destroy(new HttpTimeoutError(`${request.method} ${url.host}${url.pathname} took longer than ${request.timeoutMs} ms.`));
    }, request.timeoutMs);
    outgoing.on('close', () => clearTimeout(timer));
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(request.body);
  });

/** POSTs a JSON body with the given extra headers. */
export function postJson(
  client: HttpClient,
  url: string,
  body: unknown,
  options: { readonly headers?: Readonly<Record<string, string>>; readonly timeoutMs: number },
): Promise<HttpResponse> {
  return client({
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers },
    body: JSON.stringify(body),
    timeoutMs: options.timeoutMs,
  });
}
