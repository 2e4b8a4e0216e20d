/**
 * `npm run teams:package`: builds teams/build/<name>-<version>.zip for upload to Microsoft Teams.
 *
 * Settings come from .env in the project root, with real environment variables taking
 * precedence (the same rule dotenv uses when the bot starts). See teamsManifest.ts for the
 * placeholder syntax and the defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'dotenv';
import { findProjectRoot } from '../knowledge/loading/projectRoot';
import { createTeamsAppPackage, errorMessage, TeamsPackageError, type Settings } from './teamsManifest';

/** .env values overlaid by the process environment; a missing .env is fine when everything is exported. */
export function loadSettings(projectRoot: string, env: Settings = process.env): Settings {
  const envFile = join(projectRoot, '.env');
  const fromFile = existsSync(envFile) ? parse(readFileSync(envFile)) : {};
  const fromEnv = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  return { ...fromFile, ...fromEnv };
}

async function main(): Promise<number> {
  const projectRoot = findProjectRoot(__dirname);
  const teamsDir = join(projectRoot, 'teams');
  try {
    const { zipPath } = await createTeamsAppPackage({
      teamsDir,
      outDir: join(teamsDir, 'build'),
      settings: loadSettings(projectRoot),
    });
    console.log(`Teams app package written to ${relative(process.cwd(), zipPath) || zipPath}`);
    console.log('Next: in Microsoft Teams open Apps → Manage your apps → Upload an app, and choose this zip.');
    console.log('(To publish it for your whole organisation, upload it in the Teams admin center instead.)');
    return 0;
  } catch (error) {
    if (error instanceof TeamsPackageError) {
      console.error(`Could not build the Teams app package.\n${error.message}`);
    } else {
      console.error(`Could not build the Teams app package: ${errorMessage(error)}`);
    }
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
