import type { IncomingHttpHeaders } from 'node:http';
import { sendHttpRequest } from '../../bot/web/httpRequest';

export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

export interface TestRequestOptions {
  readonly headers?: Record<string, string>;
  /** Serialised as JSON. */
  readonly body?: unknown;
  /** Sent exactly as given, e.g. deliberately malformed JSON. */
  readonly rawBody?: string;
}

/** node:http requests to the server under test (nock 15.0.0 disturbs global fetch POSTs). */
export async function request(method: string, url: string, options: TestRequestOptions = {}): Promise<TestResponse> {
  const headers = { ...options.headers };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await sendHttpRequest({ method, url, headers, body, timeoutMs: 10_000 });
  let json: unknown;
  try {
    json = JSON.parse(response.body) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text: response.body, json };
}
