/**
 * Builds, checks and zips the Microsoft Teams app package from teams/manifest.json.
 *
 * manifest.json is a template. Any string in it may contain placeholders written
 * `${{NAME}}` (the same syntax the Microsoft 365 Agents Toolkit uses), which are replaced
 * with the setting NAME from .env or the environment. SETTING_DEFAULTS lists the settings
 * that may be left out; MicrosoftAppId is required.
 *
 * Everything here is a plain function so tests can call it; packageTeamsApp.ts is the CLI.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
/** Settings as they come from process.env or dotenv: any of them may be missing. */
export type Settings = Readonly<Record<string, string | undefined>>;

/** A problem the person packaging the app can fix; the CLI prints only the message. */
export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

export const MANIFEST_FILE = 'manifest.json';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;
/** Teams truncates longer bot command titles and descriptions in the compose box menu. */
export const MAX_COMMAND_TITLE = 32;
export const MAX_COMMAND_DESCRIPTION = 128;

/** `${{NAME}}`, with optional spaces inside the braces. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The schema's own semver pattern: MAJOR.MINOR.PATCH only, since Teams rejects pre-release tags. */
const SEMVER = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Values used when a setting is missing or blank, so a first package builds with only MicrosoftAppId set. */
export const SETTING_DEFAULTS: Readonly<Record<string, string>> = {
  TEAMS_APP_VERSION: '1.0.0',
  TEAMS_DEVELOPER_NAME: 'Example Clinic',
  TEAMS_WEBSITE_URL: 'https://example.com',
  TEAMS_PRIVACY_URL: 'https://example.com/privacy',
  TEAMS_TERMS_URL: 'https://example.com/terms',
  BOT_DOMAIN: '',
};

const EXAMPLE_GUID = '00000000-0000-0000-0000-000000000000';

function setting(settings: Settings, name: string): string {
  const value = settings[name]?.trim();
  return value === undefined || value === '' ? (SETTING_DEFAULTS[name] ?? '') : value;
}

/** BOT_DOMAIN may be given as a bare host or as the bot's URL; Teams wants only the host. */
function normaliseDomain(raw: string): string {
  if (raw === '') return '';
  try {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? new URL(raw).hostname : raw.replace(/\/.*$/, '');
  } catch {
    return raw;
  }
}

/**
 * Checks the settings the template relies on and returns every setting value, defaults
 * filled in. All problems are reported together so one run shows everything to fix.
 */
export function resolveSettings(settings: Settings): Record<string, string> {
  const problems: string[] = [];
  const resolved: Record<string, string> = { ...SETTING_DEFAULTS };
  for (const [name, value] of Object.entries(settings)) {
    if (value !== undefined && value.trim() !== '') resolved[name] = value.trim();
  }

  const appId = setting(settings, 'MicrosoftAppId');
  if (appId === '') {
    problems.push(
      `MicrosoftAppId is not set. Put the Microsoft App ID of your Azure Bot in .env, for example MicrosoftAppId=${EXAMPLE_GUID}.`,
    );
  } else if (!GUID.test(appId)) {
    problems.push(`MicrosoftAppId must be a GUID such as ${EXAMPLE_GUID}, but it is "${appId}".`);
  }

  const version = setting(settings, 'TEAMS_APP_VERSION');
  if (!SEMVER.test(version)) {
    problems.push(`TEAMS_APP_VERSION must be a version like 1.0.0 (MAJOR.MINOR.PATCH), but it is "${version}".`);
  }

  const developer = setting(settings, 'TEAMS_DEVELOPER_NAME');
  if (developer.length > 32) {
    problems.push(`TEAMS_DEVELOPER_NAME must be at most 32 characters, but it has ${developer.length}.`);
  }

  for (const name of ['TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']) {
    const url = setting(settings, name);
    if (!URL.canParse(url) || new URL(url).protocol !== 'https:') {
      problems.push(`${name} must be a full https:// address, but it is "${url}".`);
    }
  }

  const domain = normaliseDomain(setting(settings, 'BOT_DOMAIN'));
  if (domain !== '' && !HOSTNAME.test(domain)) {
    problems.push(`BOT_DOMAIN must be the bot's host name, such as bot.example.com, but it is "${domain}".`);
  }
  resolved.BOT_DOMAIN = domain;

  if (problems.length > 0) throw new TeamsPackageError(formatProblems('The Teams app settings need fixing', problems));
  return resolved;
}

function substitute(value: JsonValue, values: Readonly<Record<string, string>>, missing: Set<string>): JsonValue {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (placeholder, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) {
        missing.add(name);
        return placeholder;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, values, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, values, missing)]));
  }
  return value;
}

function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Fills the template's placeholders from the settings. Substitution works on the parsed
 * JSON's string values, so a setting containing quotes cannot break the JSON. Empty
 * validDomains entries (BOT_DOMAIN unset) are dropped rather than shipped as "".
 */
export function buildManifest(template: JsonValue, settings: Settings): JsonObject {
  if (!isJsonObject(template)) throw new TeamsPackageError(`${MANIFEST_FILE} must contain a JSON object.`);
  const missing = new Set<string>();
  const manifest = substitute(template, resolveSettings(settings), missing);
  if (missing.size > 0) {
    const names = [...missing].map((name) => `${name} (used as \${{${name}}})`);
    throw new TeamsPackageError(formatProblems(`${MANIFEST_FILE} uses settings that are not set`, names));
  }
  if (!isJsonObject(manifest)) throw new TeamsPackageError(`${MANIFEST_FILE} must contain a JSON object.`);
  const domains = manifest.validDomains;
  if (Array.isArray(domains)) {
    manifest.validDomains = [...new Set(domains.filter((domain) => domain !== ''))];
  }
  return manifest;
}

/** Reads width and height straight from the IHDR chunk, which the PNG format requires to come first. */
export function readPngSize(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) {
    throw new TeamsPackageError('This file is not a PNG image.');
  }
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new TeamsPackageError('This PNG image has no IHDR header chunk.');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Counts pixels that Teams would not accept in an outline icon: anything visible that is not pure white. */
export function countNonWhitePixels(png: Uint8Array): number {
  const { data } = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  let count = 0;
  for (let offset = 0; offset < data.length; offset += 4) {
    const visible = data[offset + 3] !== 0;
    const white = data[offset] === 255 && data[offset + 1] === 255 && data[offset + 2] === 255;
    if (visible && !white) count += 1;
  }
  return count;
}

/** Returns what is wrong with the two icons, or an empty list. */
export function checkIcons(color: Uint8Array, outline: Uint8Array): string[] {
  const problems: string[] = [];
  const check = (label: string, png: Uint8Array, size: number): boolean => {
    try {
      const { width, height } = readPngSize(png);
      if (width !== size || height !== size) {
        problems.push(`The ${label} icon must be ${size}×${size} pixels, but it is ${width}×${height}.`);
      }
      return true;
    } catch (error) {
      problems.push(`The ${label} icon is not a valid PNG: ${errorMessage(error)}`);
      return false;
    }
  };
  check('colour', color, COLOR_ICON_SIZE);
  if (check('outline', outline, OUTLINE_ICON_SIZE)) {
    const nonWhite = countNonWhitePixels(outline);
    if (nonWhite > 0) {
      problems.push(`The outline icon must be white on a transparent background, but ${nonWhite} pixel(s) have another colour.`);
    }
  }
  return problems;
}

type ManifestSchema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
const schemaCache = new Map<string, ManifestSchema>();

/**
 * Loads the official schema for a manifest version from the copy that @microsoft/app-manifest
 * ships. Passing it to validateAgainstSchema explicitly matters: without a schema argument the
 * library falls back to downloading the schema from $schema whenever it has no local copy.
 */
export async function loadTeamsSchema(manifestVersion: string): Promise<ManifestSchema> {
  const cached = schemaCache.get(manifestVersion);
  if (cached) return cached;
  const packageBuild = dirname(require.resolve('@microsoft/app-manifest'));
  const file = join(packageBuild, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!/^\d+\.\d+$/.test(manifestVersion) || !existsSync(file)) {
    throw new TeamsPackageError(
      `manifestVersion "${manifestVersion}" has no offline schema in @microsoft/app-manifest; use a version it ships (see ${join(packageBuild, 'json-schemas', 'teams')}).`,
    );
  }
  // The same clean-up the library applies: some schema versions contain \a and \v escapes that JSON.parse rejects.
  const text = (await readFile(file, 'utf8')).replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(text) as ManifestSchema;
  schemaCache.set(manifestVersion, schema);
  return schema;
}

/** Rules Teams applies that the JSON schema does not express (or expresses more loosely). */
function checkTeamsRules(manifest: JsonObject, manifestVersion: string): string[] {
  const problems: string[] = [];
  const { version, $schema: schemaUrl, bots } = manifest;
  if (typeof version !== 'string' || !SEMVER.test(version)) {
    problems.push(`/version must be a version like 1.0.0 (MAJOR.MINOR.PATCH).`);
  }
  const expectedSchemaPath = `/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`;
  if (typeof schemaUrl !== 'string' || !schemaUrl.endsWith(expectedSchemaPath)) {
    problems.push(`/$schema must point at the schema for manifestVersion ${manifestVersion} (…${expectedSchemaPath}).`);
  }
  if (!Array.isArray(bots)) return problems;
  bots.forEach((bot, botIndex) => {
    if (!isJsonObject(bot)) return;
    const scopes = Array.isArray(bot.scopes) ? bot.scopes : [];
    const lists = Array.isArray(bot.commandLists) ? bot.commandLists : [];
    const covered = new Set<JsonValue>();
    lists.forEach((list, listIndex) => {
      if (!isJsonObject(list)) return;
      if (Array.isArray(list.scopes)) list.scopes.forEach((scope) => covered.add(scope));
      const commands = Array.isArray(list.commands) ? list.commands : [];
      commands.forEach((command, commandIndex) => {
        if (!isJsonObject(command)) return;
        const path = `/bots/${botIndex}/commandLists/${listIndex}/commands/${commandIndex}`;
        const { title, description } = command;
        if (typeof title === 'string' && title.length > MAX_COMMAND_TITLE) {
          problems.push(`${path}/title "${title}" is longer than ${MAX_COMMAND_TITLE} characters.`);
        }
        if (typeof description === 'string' && description.length > MAX_COMMAND_DESCRIPTION) {
          problems.push(`${path}/description is longer than ${MAX_COMMAND_DESCRIPTION} characters.`);
        }
      });
    });
    for (const scope of scopes) {
      if (!covered.has(scope)) {
        problems.push(`/bots/${botIndex} has no command list for its scope ${JSON.stringify(scope)}.`);
      }
    }
  });
  return problems;
}

/**
 * Validates a built manifest against the official JSON schema for its manifestVersion, offline,
 * plus the Teams rules above. Returns readable problems, or an empty list when it is valid.
 */
export async function validateManifest(manifest: JsonObject): Promise<string[]> {
  const { manifestVersion } = manifest;
  if (typeof manifestVersion !== 'string') return ['/manifestVersion must be a string such as "1.22".'];
  const schema = await loadTeamsSchema(manifestVersion);
  // The validator checks the shape at run time; the cast only satisfies its parameter type.
  const schemaProblems = await AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
  return [...schemaProblems, ...checkTeamsRules(manifest, manifestVersion)];
}

export interface PackageOptions {
  /** Folder holding manifest.json and the icons it names. */
  readonly teamsDir: string;
  /** Folder the zip is written to (created if needed). */
  readonly outDir: string;
  readonly settings: Settings;
}

export interface PackageResult {
  readonly zipPath: string;
  readonly manifest: JsonObject;
}

async function readInput(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new TeamsPackageError(`Could not read the ${what} at ${path}: ${errorMessage(error)}`);
  }
}

function iconFile(manifest: JsonObject, kind: 'color' | 'outline'): string {
  const icons = manifest.icons;
  const file = isJsonObject(icons) ? icons[kind] : undefined;
  // Teams resolves icon paths inside the zip; keeping them at the root avoids a silent missing icon.
  if (typeof file !== 'string' || file === '' || basename(file) !== file) {
    throw new TeamsPackageError(`${MANIFEST_FILE} must name the ${kind} icon as a file next to it, such as "${kind}.png".`);
  }
  return file;
}

/** Lower-case, dash-separated, safe as a file name on every OS: "ART Helper" becomes "art-helper". */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'teams-app';
}

/** Builds and validates the manifest, checks the icons and writes <outDir>/<name>-<version>.zip. */
export async function createTeamsAppPackage(options: PackageOptions): Promise<PackageResult> {
  const templatePath = join(options.teamsDir, MANIFEST_FILE);
  const templateText = (await readInput(templatePath, 'manifest template')).toString('utf8');
  let template: JsonValue;
  try {
    template = JSON.parse(templateText) as JsonValue;
  } catch (error) {
    throw new TeamsPackageError(`${templatePath} is not valid JSON: ${errorMessage(error)}`);
  }

  const manifest = buildManifest(template, options.settings);
  const problems = await validateManifest(manifest);
  if (problems.length > 0) {
    throw new TeamsPackageError(formatProblems(`The built manifest does not match the Teams schema`, problems));
  }

  const colorFile = iconFile(manifest, 'color');
  const outlineFile = iconFile(manifest, 'outline');
  const color = await readInput(join(options.teamsDir, colorFile), 'colour icon');
  const outline = await readInput(join(options.teamsDir, outlineFile), 'outline icon');
  const iconProblems = checkIcons(color, outline);
  if (iconProblems.length > 0) throw new TeamsPackageError(formatProblems('The icons need fixing', iconProblems));

  const zip = new JSZip();
  zip.file(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file(colorFile, color);
  zip.file(outlineFile, outline);
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

  // Validation has already made sure name.short and version are strings.
  const name = isJsonObject(manifest.name) && typeof manifest.name.short === 'string' ? manifest.name.short : '';
  const version = typeof manifest.version === 'string' ? manifest.version : '';
  const zipPath = join(options.outDir, `${slug(name)}-${version}.zip`);
  await mkdir(options.outDir, { recursive: true });
  await writeFile(zipPath, content);
  return { zipPath, manifest };
}

function formatProblems(heading: string, problems: readonly string[]): string {
  return `${heading}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
