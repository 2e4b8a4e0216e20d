import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import {
  buildManifest,
  checkIcons,
  countNonWhitePixels,
  createTeamsAppPackage,
  readPngSize,
  TeamsPackageError,
  validateManifest,
  type JsonObject,
  type JsonValue,
  type Settings,
} from '../../teams/teamsManifest';

const teamsDir = join(__dirname, '..', '..', 'teams');
const template = JSON.parse(readFileSync(join(teamsDir, 'manifest.json'), 'utf8')) as JsonValue;
const colorIcon = readFileSync(join(teamsDir, 'color.png'));
const outlineIcon = readFileSync(join(teamsDir, 'outline.png'));

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const settings: Settings = { MicrosoftAppId: APP_ID };
const EXPECTED_COMMANDS = ['Is ART painful?', 'How long is a session?', 'Can I do it myself?', 'Find a provider', 'Help'];

/** A deep copy to mutate, so one test's broken manifest cannot leak into another. */
function freshManifest(extra: Settings = {}): JsonObject {
  return buildManifest(template, { ...settings, ...extra });
}

interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  isNotificationOnly: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

function firstBot(manifest: JsonObject): Bot {
  const bots = manifest.bots as unknown as Bot[];
  expect(bots).toHaveLength(1);
  return bots[0]!;
}

function png(width: number, height: number, paint: (x: number, y: number) => [number, number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      image.data.set(paint(x, y), (y * width + x) * 4);
    }
  }
  return PNG.sync.write(image);
}

// Validation must work offline: any attempt to download a schema fails the test.
let fetchSpy: jest.SpiedFunction<typeof fetch>;
beforeEach(() => {
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network access is not allowed in this test'));
});
afterEach(() => {
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});

describe('the manifest template', () => {
  it('substitutes the app id, defaults and domain, leaving no placeholders', () => {
    const manifest = freshManifest({ BOT_DOMAIN: 'https://bot.example.org/api/messages' });
    expect(manifest.id).toBe(APP_ID);
    expect(firstBot(manifest).botId).toBe(APP_ID);
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.developer).toEqual({
      name: 'Example Clinic',
      websiteUrl: 'https://example.com',
      privacyUrl: 'https://example.com/privacy',
      termsOfUseUrl: 'https://example.com/terms',
    });
    expect(manifest.validDomains).toEqual(['bot.example.org']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('uses the TEAMS_* settings when given and drops an empty validDomains entry', () => {
    const manifest = freshManifest({
      TEAMS_DEVELOPER_NAME: 'Riverside "Movement" Clinic',
      TEAMS_WEBSITE_URL: 'https://riverside.example',
      TEAMS_PRIVACY_URL: 'https://riverside.example/privacy',
      TEAMS_TERMS_URL: 'https://riverside.example/terms',
      TEAMS_APP_VERSION: '1.2.3',
    });
    expect(manifest.developer).toMatchObject({ name: 'Riverside "Movement" Clinic', websiteUrl: 'https://riverside.example' });
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.validDomains).toEqual([]);
  });

  it('has names and descriptions that say it gives general information, not a diagnosis', () => {
    const manifest = freshManifest();
    expect(manifest.name).toEqual({ short: 'ART Helper', full: 'ART & Myofascial Release Helper' });
    const description = manifest.description as { short: string; full: string };
    expect(description.short.length).toBeLessThanOrEqual(80);
    expect(description.full.length).toBeLessThanOrEqual(4000);
    for (const text of [description.short, description.full]) {
      expect(text).toMatch(/general information/i);
      expect(text).toMatch(/diagnos/i);
    }
  });

  it('declares one conversational bot in personal, team and group chat scopes', () => {
    const bot = firstBot(freshManifest());
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
  });

  it.each(['personal', 'team', 'groupChat'])('offers the common questions as commands in the %s scope', (scope) => {
    const lists = firstBot(freshManifest()).commandLists.filter((list) => list.scopes.includes(scope));
    expect(lists).toHaveLength(1);
    const commands = lists[0]!.commands;
    expect(commands.map((command) => command.title)).toEqual(expect.arrayContaining(EXPECTED_COMMANDS));
    for (const { title, description } of commands) {
      expect(title.length).toBeLessThanOrEqual(32);
      expect(description.length).toBeGreaterThan(0);
      expect(description.length).toBeLessThanOrEqual(128);
    }
  });
});

describe('offline schema validation', () => {
  it('accepts the built manifest', async () => {
    await expect(validateManifest(freshManifest({ BOT_DOMAIN: 'bot.example.org' }))).resolves.toEqual([]);
  });

  it('rejects a manifest without a bot id', async () => {
    const manifest = freshManifest();
    delete (firstBot(manifest) as Partial<Bot>).botId;
    const problems = await validateManifest(manifest);
    expect(problems.join('\n')).toMatch(/\/bots\/0 must have required property 'botId'/);
  });

  it('rejects an unknown bot scope', async () => {
    const manifest = freshManifest();
    firstBot(manifest).scopes.push('everyone');
    const problems = await validateManifest(manifest);
    expect(problems.join('\n')).toMatch(/\/bots\/0\/scopes\/3 must be equal to one of the allowed values/);
  });

  it('rejects an id that is not a GUID and a too-long short description', async () => {
    const manifest = freshManifest();
    manifest.id = 'not-a-guid';
    (manifest.description as { short: string }).short = 'x'.repeat(81);
    const problems = (await validateManifest(manifest)).join('\n');
    expect(problems).toMatch(/\/id must match pattern/);
    expect(problems).toMatch(/\/description\/short must NOT have more than 80 characters/);
  });

  it('applies the Teams rules the schema leaves out', async () => {
    const manifest = freshManifest();
    manifest.version = '1.0';
    const bot = firstBot(manifest);
    bot.commandLists[0]!.commands[0]!.title = 'A very long command title that Teams would cut';
    bot.commandLists = bot.commandLists.filter((list) => !list.scopes.includes('groupChat'));
    const problems = (await validateManifest(manifest)).join('\n');
    expect(problems).toMatch(/\/version must be a version like 1\.0\.0/);
    expect(problems).toMatch(/title .* is longer than 32 characters/);
    expect(problems).toMatch(/no command list for its scope "groupChat"/);
  });

  it('refuses a manifest version whose schema is not shipped, instead of downloading it', async () => {
    const manifest = freshManifest();
    manifest.manifestVersion = '9.99';
    await expect(validateManifest(manifest)).rejects.toThrow(/no offline schema/);
  });
});

describe('settings errors', () => {
  it.each([
    ['missing', {}],
    ['blank', { MicrosoftAppId: '   ' }],
  ])('names MicrosoftAppId when it is %s', (_label, extra: Settings) => {
    expect(() => buildManifest(template, extra)).toThrow(TeamsPackageError);
    expect(() => buildManifest(template, extra)).toThrow(/MicrosoftAppId is not set/);
  });

  it('names MicrosoftAppId when it is not a GUID', () => {
    expect(() => buildManifest(template, { MicrosoftAppId: 'my-bot' })).toThrow(/MicrosoftAppId must be a GUID.*"my-bot"/);
  });

  it('reports bad URLs, versions and domains together', () => {
    const attempt = (): JsonObject =>
      buildManifest(template, {
        ...settings,
        TEAMS_PRIVACY_URL: 'http://example.com/privacy',
        TEAMS_APP_VERSION: 'v2',
        BOT_DOMAIN: 'not a host',
      });
    expect(attempt).toThrow(/TEAMS_PRIVACY_URL must be a full https:\/\/ address/);
    expect(attempt).toThrow(/TEAMS_APP_VERSION must be a version like 1\.0\.0/);
    expect(attempt).toThrow(/BOT_DOMAIN must be the bot's host name/);
  });

  it('names a placeholder that has no setting', () => {
    const withExtra = { ...(template as JsonObject), packageName: '${{CLINIC_PACKAGE}}' };
    expect(() => buildManifest(withExtra, settings)).toThrow(/CLINIC_PACKAGE/);
  });
});

describe('icons', () => {
  it('reads the sizes from the PNG IHDR header', () => {
    expect(readPngSize(colorIcon)).toEqual({ width: 192, height: 192 });
    expect(readPngSize(outlineIcon)).toEqual({ width: 32, height: 32 });
    // Cross-check the header reader against a PNG of a known, non-square size.
    expect(readPngSize(png(7, 3, () => [0, 0, 0, 255]))).toEqual({ width: 7, height: 3 });
    expect(() => readPngSize(Buffer.from('GIF89a not a png at all'))).toThrow(/not a PNG/);
  });

  it('has an outline icon that is white on transparent, with something visible', () => {
    expect(countNonWhitePixels(outlineIcon)).toBe(0);
    const { data } = PNG.sync.read(outlineIcon);
    const opaque = data.filter((_value, index) => index % 4 === 3 && data[index] === 255).length;
    expect(opaque).toBeGreaterThan(50);
  });

  it('has a full-bleed colour icon', () => {
    const { data, width } = PNG.sync.read(colorIcon);
    // Every pixel opaque, and the corners carry the teal background.
    expect(data.filter((_value, index) => index % 4 === 3 && data[index] !== 255)).toHaveLength(0);
    const corner = (width - 1) * 4;
    expect([...data.subarray(corner, corner + 3)]).toEqual([0x0f, 0x76, 0x6e]);
  });

  it('passes the committed icons and catches wrong sizes and coloured outline pixels', () => {
    expect(checkIcons(colorIcon, outlineIcon)).toEqual([]);
    const grey = png(32, 32, (x) => (x < 2 ? [128, 128, 128, 255] : [255, 255, 255, 0]));
    const problems = checkIcons(png(96, 96, () => [15, 118, 110, 255]), grey).join('\n');
    expect(problems).toMatch(/colour icon must be 192×192 pixels, but it is 96×96/);
    expect(problems).toMatch(/outline icon must be white on a transparent background, but 64 pixel/);
  });
});

describe('createTeamsAppPackage', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'teams-package-'));
  });
  afterEach(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('writes a zip with the manifest and both icons at its root', async () => {
    const outDir = join(workDir, 'build');
    const { zipPath } = await createTeamsAppPackage({ teamsDir, outDir, settings: { ...settings, TEAMS_APP_VERSION: '2.0.1' } });
    expect(zipPath).toBe(join(outDir, 'art-helper-2.0.1.zip'));

    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as JsonObject;
    expect(manifest.id).toBe(APP_ID);
    expect(firstBot(manifest).botId).toBe(APP_ID);
    expect(manifest.version).toBe('2.0.1');
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(colorIcon);
    expect(await zip.file('outline.png')!.async('nodebuffer')).toEqual(outlineIcon);
  });

  it('gives the MicrosoftAppId error and writes nothing when the id is invalid', async () => {
    const outDir = join(workDir, 'build');
    await expect(createTeamsAppPackage({ teamsDir, outDir, settings: { MicrosoftAppId: '1234' } })).rejects.toThrow(
      /MicrosoftAppId must be a GUID/,
    );
    await expect(createTeamsAppPackage({ teamsDir, outDir, settings: {} })).rejects.toThrow(/MicrosoftAppId is not set/);
    expect(() => readFileSync(join(outDir, 'art-helper-1.0.0.zip'))).toThrow();
  });

  it('refuses to package an icon of the wrong size', async () => {
    const copyDir = join(workDir, 'teams');
    await mkdir(copyDir);
    await copyFile(join(teamsDir, 'manifest.json'), join(copyDir, 'manifest.json'));
    await copyFile(join(teamsDir, 'outline.png'), join(copyDir, 'outline.png'));
    await writeFile(join(copyDir, 'color.png'), png(100, 100, () => [15, 118, 110, 255]));
    await expect(createTeamsAppPackage({ teamsDir: copyDir, outDir: join(workDir, 'build'), settings })).rejects.toThrow(
      /colour icon must be 192×192 pixels, but it is 100×100/,
    );
  });
});
