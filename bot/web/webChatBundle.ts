import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import type { RouteRegistrar } from '../server';
import { sendJsonError } from './jsonError';
import { createSecurityHeaders, type SecurityHeaders } from './securityHeaders';

export const WEB_CHAT_BUNDLE_PATH = '/webchat/webchat.js';

const gzipAsync = promisify(gzip);

export interface WebChatPackage {
  readonly directory: string;
  readonly version: string;
}

/**
 * Finds the installed botframework-webchat package. Its exports map hides package.json
 * and dist/, so resolve the main entry (lib/index.js) and walk up to the package root.
 */
export function findWebChatPackage(resolveMain: () => string = () => require.resolve('botframework-webchat')): WebChatPackage {
  let folder = dirname(resolveMain());
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
      if (name === 'botframework-webchat' && typeof version === 'string') return { directory: folder, version };
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error('The botframework-webchat package was not found; run npm install.');
    folder = parent;
  }
}

interface LoadedBundle {
  readonly plain: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
}

/**
 * GET /webchat/webchat.js: Web Chat's own UMD bundle from node_modules, so the widget
 * needs no CDN. It is ~4 MB, so it is read and gzipped once, on first request, and
 * cached by browsers (the ETag changes with the package version).
 */
export function createWebChatBundleRoute(deps: { readonly logger: Logger; readonly webChatPackage?: WebChatPackage; readonly securityHeaders?: SecurityHeaders }): RouteRegistrar {
  const security = deps.securityHeaders ?? createSecurityHeaders();
  let loading: Promise<LoadedBundle> | undefined;

  const load = async (): Promise<LoadedBundle> => {
    const webChat = deps.webChatPackage ?? findWebChatPackage();
    const plain = await readFile(join(webChat.directory, 'dist', 'webchat.js'));
    const gzipped = await gzipAsync(plain, { level: 9 });
    return { plain, gzipped, etag: `"webchat-${webChat.version}-${plain.length}"` };
  };

  return (server: Server) => {
    server.get(WEB_CHAT_BUNDLE_PATH, async (req: Request, res: Response) => {
      loading ??= load();
      let bundle: LoadedBundle;
      try {
        bundle = await loading;
      } catch (error) {
        loading = undefined;
        deps.logger.error({ err: error }, 'Web Chat bundle could not be loaded');
        sendJsonError(res, 503, 'WebChatUnavailable', 'The chat client is unavailable.');
        return;
      }
      const headers: Record<string, string> = {
        ...security.script(req),
        'Content-Type': 'application/javascript; charset=utf-8',
        'Cache-Control': 'public, max-age=86400',
        ETag: bundle.etag,
        Vary: 'Accept-Encoding',
      };
      if (req.headers['if-none-match'] === bundle.etag) {
        res.sendRaw(304, '', headers);
        return;
      }
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (acceptsGzip) headers['Content-Encoding'] = 'gzip';
      res.sendRaw(200, acceptsGzip ? bundle.gzipped : bundle.plain, headers);
    });
  };
}
