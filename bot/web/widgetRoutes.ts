import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Clinic } from '../../knowledge/schemas/clinicSchema';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import type { RouteRegistrar } from '../server';
import { renderDemoPage } from './demoPage';
import { syncHandler } from '../syncHandler';
import { createSecurityHeaders, type SecurityHeaders } from './securityHeaders';
import { renderWidgetScript, type WidgetSettings } from './widgetSettings';

export const WIDGET_SCRIPT_PATH = '/widget.js';

/** bot/web/public, found from both source and dist/ (tsc does not copy these files). */
export function publicDirectory(): string {
  return join(findProjectRoot(), 'bot', 'web', 'public');
}

export interface WidgetRoutesDependencies {
  readonly settings: WidgetSettings;
  readonly clinic: Clinic;
  readonly publicDir?: string;
  readonly securityHeaders?: SecurityHeaders;
}

/**
 * GET /widget.js (the embeddable script, settings inlined) and GET / (a demo clinic
 * page with the widget on it, so `npm start` gives a newcomer something to chat with).
 */
export function createWidgetRoutes(deps: WidgetRoutesDependencies): RouteRegistrar {
  const folder = deps.publicDir ?? publicDirectory();
  const security = deps.securityHeaders ?? createSecurityHeaders();
  // Rendered once at startup: a broken template fails the start, not a patient's page load.
  const widgetScript = renderWidgetScript(readFileSync(join(folder, 'widget.js'), 'utf8'), deps.settings);
  const demoPage = renderDemoPage(readFileSync(join(folder, 'demo.html'), 'utf8'), deps.clinic, {
    accent: deps.settings.accent,
    widgetScriptTag: `<script src="${WIDGET_SCRIPT_PATH}" async></script>`,
  });

  return (server: Server) => {
    server.get(
      WIDGET_SCRIPT_PATH,
      syncHandler((req: Request, res: Response) => {
        res.sendRaw(200, widgetScript, {
          ...security.script(req),
          'Content-Type': 'application/javascript; charset=utf-8',
          // Short: clinics pick up a new widget version (or WIDGET_ACCENT) within minutes.
          'Cache-Control': 'public, max-age=300',
        });
      }),
    );
    server.get(
      '/',
      syncHandler((req: Request, res: Response) => {
        res.sendRaw(200, demoPage, { ...security.document(req), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      }),
    );
  };
}
