import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { APP_JSON_PATH, loadAppDefinition } from '../app-definition';
import { checkScopes } from './api-scopes';
import { checkPermittedUrls, checkSubscriptions } from './cross-checks';
import { copyExtensions, loadExtensions, ProjectConfigError, type Extension } from './extensions';
import { parseWithHubspotLib } from './hubspot-parse';
import { loadWebhooksDefinition, WEBHOOKS_JSON_PATH } from './webhooks-definition';

export const PLATFORM_VERSION = '2026.03';
const REPO_ROOT = join(__dirname, '..', '..');

export interface BuildProjectOptions {
  appBaseUrl: string;
  outDir: string;
  /** Defaults: the repo's app.json, webhooks/webhooks-hsmeta.json and cards/. */
  appJsonPath?: string;
  webhooksJsonPath?: string;
  cardsDir?: string;
}

export interface BuildProjectResult {
  /** Files written, relative to outDir. */
  files: string[];
  /** uid → component type, as @hubspot/project-parsing-lib read the built project. */
  components: Record<string, string>;
  extensions: { uid: string; type: string; from: string }[];
  /** What the build could not do, e.g. no cards/ workspace yet. */
  notes: string[];
}

export { ProjectConfigError };

/**
 * Assembles the deployable HubSpot project (hsproject.json + src/app/…) from app.json, webhooks/
 * and cards/, validating each config first and then cross-checking them against the service
 * (subscriptions consumed, scopes for every API call, the fetch origin) and parsing the result with
 * @hubspot/project-parsing-lib. Any problem stops the build with a ProjectConfigError listing them all.
 */
export async function buildProject({
  appBaseUrl,
  outDir,
  appJsonPath = APP_JSON_PATH,
  webhooksJsonPath = WEBHOOKS_JSON_PATH,
  cardsDir = join(REPO_ROOT, 'cards'),
}: BuildProjectOptions): Promise<BuildProjectResult> {
  const problems: string[] = [];
  const describe = <T>(file: string, load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      const detail = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
      problems.push(`${file} is invalid:\n${detail}`);
      return undefined;
    }
  };
  const app = describe('app.json', () => loadAppDefinition(appBaseUrl, appJsonPath));
  const webhooks = describe('webhooks/webhooks-hsmeta.json', () => loadWebhooksDefinition(appBaseUrl, webhooksJsonPath));
  const notes: string[] = [];
  let extensions: Extension[] = [];
  if (!existsSync(join(cardsDir, 'src'))) {
    notes.push('no cards/src/: the project has the app and its webhooks only, no cards, settings or pages');
  } else {
    try {
      extensions = loadExtensions(cardsDir);
    } catch (error) {
      if (!(error instanceof ProjectConfigError)) throw error;
      problems.push(...error.problems);
    }
    if (extensions.length === 0 && problems.length === 0) notes.push('cards/src/ holds no *-hsmeta.json yet: no cards, settings or pages built');
  }
  if (app) problems.push(...checkScopes(app), ...checkPermittedUrls(app, appBaseUrl));
  if (webhooks) problems.push(...checkSubscriptions(webhooks));
  if (problems.length > 0 || !app || !webhooks) throw new ProjectConfigError(problems);

  const files: Record<string, unknown> = {
    'hsproject.json': { name: 'lead-manager', srcDir: 'src', platformVersion: PLATFORM_VERSION },
    'src/app/app-hsmeta.json': app,
    'src/app/webhooks/webhooks-hsmeta.json': webhooks,
  };
  rmSync(outDir, { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(outDir, path, '..'), { recursive: true });
    writeFileSync(join(outDir, path), `${JSON.stringify(content, null, 2)}\n`);
  }
  const written = Object.keys(files);
  if (extensions.length > 0) {
    written.push(...copyExtensions(extensions, { cardsDir, appDir: join(outDir, 'src', 'app'), appBaseUrl }).map((file) => `src/${file}`));
  }

  let parsed;
  try {
    parsed = await parseWithHubspotLib(outDir);
  } catch (error) {
    throw new ProjectConfigError([`@hubspot/project-parsing-lib could not parse ${outDir}: ${(error as Error).message}`]);
  }
  if (parsed.problems.length > 0) throw new ProjectConfigError(parsed.problems.map((problem) => `@hubspot/project-parsing-lib: ${problem}`));

  return {
    files: written,
    components: parsed.components,
    extensions: extensions.map((e) => ({ uid: e.definition.uid, type: e.definition.type, from: e.metaFile })),
    notes,
  };
}

if (require.main === module) {
  const appBaseUrl = process.env.APP_BASE_URL;
  if (!appBaseUrl || !appBaseUrl.startsWith('https://')) {
    process.stderr.write('APP_BASE_URL: set it to the public https URL of the service before building the HubSpot project\n');
    process.exit(1);
  }
  const outDir = join(REPO_ROOT, 'build', 'hubspot');
  buildProject({ appBaseUrl: appBaseUrl.replace(/\/+$/, ''), outDir }).then(
    ({ files, components, notes }) => {
      const lines = [
        `HubSpot project written to build/hubspot (${Object.keys(components).length} components, parsed by @hubspot/project-parsing-lib):`,
        ...files.map((f) => `  ${f}`),
        ...notes.map((n) => `note: ${n}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    },
    (error: Error) => {
      const detail = error instanceof ProjectConfigError ? error.problems.map((p) => `  - ${p.replace(/\n/g, '\n    ')}`).join('\n') : error.stack;
      process.stderr.write(`HubSpot project not built:\n${detail}\n`);
      process.exit(1);
    },
  );
}
