import type { Clinic } from '../../knowledge/schemas/clinicSchema';
import type { ServiceConfig } from '../config';
import { DIRECT_LINE_TOKEN_PATH } from './directLineTokenRoute';
import { LOCAL_DIRECT_LINE_DOMAIN } from './localDirectLine/localDirectLineRoutes';
import { WEB_CHAT_BUNDLE_PATH } from './webChatBundle';

/** What the browser widget needs to know; paths are resolved against widget.js's own URL. */
export interface WidgetSettings {
  /** 'local': the built-in development Direct Line channel; 'token': Azure Bot Service Direct Line. */
  readonly mode: 'local' | 'token';
  /** POST here for { token, userId }. */
  readonly tokenUrl: string;
  /**
   * Direct Line base URL for Web Chat's createDirectLine: the local channel's path, or the
   * configured DIRECT_LINE_ENDPOINT, so the browser talks to the endpoint that issued its token
   * (e.g. a regional europe.directline.botframework.com), not Web Chat's global default.
   */
  readonly directLineDomain: string;
  readonly webChatUrl: string;
  /** Defaults; a page can override them with data-title and data-accent. */
  readonly title: string;
  readonly accent: string;
  readonly clinicName: string;
  readonly clinicPhone: string;
  readonly emergencyNumber: string;
}

export type WidgetConfig = Pick<ServiceConfig, 'localDirectLineEnabled' | 'directLineEndpoint' | 'widgetTitle' | 'widgetAccent'>;

export function createWidgetSettings(config: WidgetConfig, clinic: Clinic): WidgetSettings {
  const common = {
    webChatUrl: WEB_CHAT_BUNDLE_PATH,
    title: config.widgetTitle || clinic.name,
    accent: config.widgetAccent,
    clinicName: clinic.name,
    clinicPhone: clinic.phone,
    emergencyNumber: clinic.emergencyNumber,
  };
  return config.localDirectLineEnabled
    ? { mode: 'local', tokenUrl: `${LOCAL_DIRECT_LINE_DOMAIN}/tokens/generate`, directLineDomain: LOCAL_DIRECT_LINE_DOMAIN, ...common }
    : { mode: 'token', tokenUrl: DIRECT_LINE_TOKEN_PATH, directLineDomain: config.directLineEndpoint, ...common };
}

/** The marker in public/widget.js that the server replaces with the settings object. */
export const WIDGET_SETTINGS_MARKER = '{ /* __WIDGET_SETTINGS__ */ }';

/** Inlines the settings into the widget script, so embedding it costs one request, not two. */
export function renderWidgetScript(template: string, settings: WidgetSettings): string {
  if (!template.includes(WIDGET_SETTINGS_MARKER)) throw new Error(`widget.js has no ${WIDGET_SETTINGS_MARKER} marker.`);
  // "<" escaped so the JSON stays inert even if someone inlines the script in a <script> tag.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return template.replace(WIDGET_SETTINGS_MARKER, () => json);
}
