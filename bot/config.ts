import { isAbsolute, join } from 'node:path';
import { findProjectRoot } from '../knowledge/loading/projectRoot';

/** Every setting the service reads from the environment; .env.example documents each one. */
export interface ServiceConfig {
  readonly port: number;
  readonly microsoftAppId: string;
  readonly microsoftAppPassword: string;
  readonly microsoftAppType: string;
  readonly microsoftAppTenantId: string;
  readonly knowledgeDir: string;
  readonly logLevel: string;
  readonly isProduction: boolean;
  readonly directLineSecret: string;
  readonly directLineEndpoint: string;
  readonly allowedOrigins: readonly string[];
  /** The built-in development Direct Line channel: on by default outside production. */
  readonly localDirectLineEnabled: boolean;
  readonly widgetTitle: string;
  readonly widgetAccent: string;
  /** Behind a reverse proxy (Azure App Service, a load balancer): take client addresses from X-Forwarded-For. */
  readonly trustProxy: boolean;
  readonly state: StateSettings;
  /** Unauthenticated mode only: also post replies to serviceUrls that are not on this machine (a tunnel). */
  readonly allowAnyServiceUrl: boolean;
  /** Where patients reach this service, e.g. https://bot.myclinic.com (its own origin for the Origin check, the base of /book links); empty: http://localhost:<port>. */
  readonly publicUrl: string;
  /** Signs the bot's /book links; empty: a random one per start (links then stop working at a restart). */
  readonly bookingLinkSecret: string;
  readonly bookingLinkTtlMs: number;
  /** The gaps log (questions the bot could not answer) and answer-feedback counts: off by default. */
  readonly gaps: GapsSettings;
}

/**
 * GAPS_LOG=on keeps the questions the bot could not answer (redacted) and the 👍/👎 counts per answer,
 * for `npm run kb:gaps`: in files under GAPS_DIR, or with STATE_STORAGE=blob in their own container
 * of the same storage account. Each day's records are deleted after retentionDays.
 */
export interface GapsSettings {
  readonly enabled: boolean;
  readonly retentionDays: number;
  readonly store: { readonly kind: 'file'; readonly directory: string } | { readonly kind: 'blob'; readonly connectionString: string; readonly container: string };
}

/** Where conversation state (dialog stack, safety hold) lives. */
export type StateSettings =
  | { readonly kind: 'memory'; readonly idleTtlMs: number; readonly maxConversations: number }
  | { readonly kind: 'blob'; readonly connectionString: string; readonly container: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Environment = Readonly<Record<string, string | undefined>>;

function readPort(env: Environment): number {
  const raw = (env.PORT ?? env.port ?? '').trim() || '3978';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, but it is "${raw}".`);
  }
  return port;
}

function readBoolean(env: Environment, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, but it is "${env[name]}".`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readLogLevel(env: Environment): string {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, but it is "${env.LOG_LEVEL}".`);
  return level;
}

/** Web origins exactly as browsers send them: scheme, host and optional port, nothing else. */
function readAllowedOrigins(env: Environment): string[] {
  const origins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`ALLOWED_ORIGINS must list web origins such as https://www.myclinic.com, but "${origin}" is not one.`);
    }
  }
  return origins;
}

function readLocalDirectLine(env: Environment, isProduction: boolean, directLineSecret: string, microsoftAppId: string): boolean {
  const explicit = readBoolean(env, 'LOCAL_DIRECT_LINE');
  // It posts to /api/messages without credentials, which an authenticated bot refuses.
  if (explicit === true && microsoftAppId !== '') {
    throw new ConfigError('LOCAL_DIRECT_LINE=true needs MicrosoftAppId to be empty: the development channel cannot sign its requests.');
  }
  return explicit ?? (!isProduction && directLineSecret === '' && microsoftAppId === '');
}

function readPositiveInteger(env: Environment, name: string, fallback: number): number {
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a whole number above 0, but it is "${raw}".`);
  return value;
}

/** Azure's container naming rules: 3-63 characters, lower-case letters, digits and single hyphens. */
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

function readState(env: Environment): StateSettings {
  const kind = env.STATE_STORAGE?.trim().toLowerCase() || 'memory';
  if (kind === 'memory') {
    return {
      kind,
      idleTtlMs: readPositiveInteger(env, 'MEMORY_STATE_IDLE_MINUTES', 24 * 60) * 60_000,
      maxConversations: readPositiveInteger(env, 'MEMORY_STATE_MAX_CONVERSATIONS', 10_000),
    };
  }
  if (kind !== 'blob') throw new ConfigError(`STATE_STORAGE must be memory or blob, but it is "${env.STATE_STORAGE}".`);
  const connectionString = env.BLOB_CONNECTION_STRING?.trim() ?? '';
  const container = env.BLOB_CONTAINER?.trim() ?? '';
  if (connectionString === '') throw new ConfigError('STATE_STORAGE=blob needs BLOB_CONNECTION_STRING (the storage account\'s connection string).');
  if (!CONTAINER_NAME.test(container)) {
    throw new ConfigError(`STATE_STORAGE=blob needs BLOB_CONTAINER, a container name such as bot-state (lower-case letters, digits, hyphens), but it is "${container}".`);
  }
  return { kind, connectionString, container };
}

/** The longest retention GAPS_RETENTION_DAYS accepts: a year. Questions are for improving the FAQ, not an archive. */
const MAX_GAPS_RETENTION_DAYS = 366;

function readGaps(env: Environment, state: StateSettings): GapsSettings {
  const enabled = readBoolean(env, 'GAPS_LOG') ?? false;
  const retentionDays = readPositiveInteger(env, 'GAPS_RETENTION_DAYS', 30);
  if (retentionDays > MAX_GAPS_RETENTION_DAYS) throw new ConfigError(`GAPS_RETENTION_DAYS must be at most ${MAX_GAPS_RETENTION_DAYS}, but it is "${retentionDays}".`);
  if (state.kind === 'blob') {
    const container = env.GAPS_BLOB_CONTAINER?.trim() || `${state.container}-gaps`;
    if (!CONTAINER_NAME.test(container) || container === state.container) {
      throw new ConfigError(`GAPS_BLOB_CONTAINER must be a container name other than BLOB_CONTAINER (lower-case letters, digits, hyphens), but it is "${container}".`);
    }
    return { enabled, retentionDays, store: { kind: 'blob', connectionString: state.connectionString, container } };
  }
  const raw = env.GAPS_DIR?.trim() || '.gaps';
  return { enabled, retentionDays, store: { kind: 'file', directory: isAbsolute(raw) ? raw : join(findProjectRoot(), raw) } };
}

function readPublicUrl(env: Environment): string {
  const raw = (env.PUBLIC_URL ?? '').trim().replace(/\/+$/, '');
  if (raw === '') return '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol) || parsed.search !== '' || parsed.hash !== '') {
    throw new ConfigError(`PUBLIC_URL must be the address patients reach the bot at, such as https://bot.myclinic.com, but it is "${raw}".`);
  }
  return raw;
}

export function loadConfig(env: Environment = process.env): ServiceConfig {
  const isProduction = env.NODE_ENV === 'production';
  const directLineSecret = env.DIRECT_LINE_SECRET?.trim() ?? '';
  const microsoftAppId = env.MicrosoftAppId?.trim() ?? '';
  const accent = env.WIDGET_ACCENT?.trim() || '#0f766e';
  if (!/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(accent)) {
    throw new ConfigError(`WIDGET_ACCENT must be a hex colour such as #0f766e, but it is "${accent}".`);
  }
  const state = readState(env);
  return {
    port: readPort(env),
    microsoftAppId,
    microsoftAppPassword: env.MicrosoftAppPassword ?? '',
    microsoftAppType: env.MicrosoftAppType?.trim() || 'MultiTenant',
    microsoftAppTenantId: env.MicrosoftAppTenantId?.trim() ?? '',
    knowledgeDir: env.KNOWLEDGE_DIR?.trim() || join(findProjectRoot(), 'knowledge'),
    logLevel: readLogLevel(env),
    isProduction,
    directLineSecret,
    directLineEndpoint: (env.DIRECT_LINE_ENDPOINT?.trim() || 'https://directline.botframework.com/v3/directline').replace(/\/+$/, ''),
    allowedOrigins: readAllowedOrigins(env),
    localDirectLineEnabled: readLocalDirectLine(env, isProduction, directLineSecret, microsoftAppId),
    widgetTitle: env.WIDGET_TITLE?.trim() || '',
    widgetAccent: accent,
    trustProxy: readBoolean(env, 'TRUST_PROXY') ?? false,
    state,
    allowAnyServiceUrl: readBoolean(env, 'ALLOW_ANY_SERVICE_URL') ?? false,
    publicUrl: readPublicUrl(env),
    bookingLinkSecret: env.BOOKING_LINK_SECRET?.trim() ?? '',
    bookingLinkTtlMs: readPositiveInteger(env, 'BOOKING_LINK_TTL_HOURS', 7 * 24) * 3_600_000,
    gaps: readGaps(env, state),
  };
}

/** Loads the configuration, or prints the problem in plain words and exits with status 1 (for entry points). */
export function loadConfigOrExit(env: Environment = process.env): ServiceConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}
