import type { IncomingHttpHeaders } from 'node:http';
import { sendHttpRequest } from '../../../bot/web/httpRequest';

export interface TestResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** node:http requests to the server under test (global fetch would be disturbed by nock). */
export async function request(
  method: string,
  url: string,
  options: { readonly headers?: Record<string, string>; readonly body?: unknown } = {},
): Promise<TestResponse> {
  const headers = { ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await sendHttpRequest({
    method,
    url,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    timeoutMs: 10_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(response.body) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text: response.body, json };
}
