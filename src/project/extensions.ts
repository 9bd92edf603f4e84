import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { z } from 'zod';

/** The literal cards/src/shared/api-base.ts holds where the service's base URL goes. */
export const CARDS_BASE_URL_PLACEHOLDER = '__APP_BASE_URL__';
export const SHARED_DIR = 'shared';
/** Runtime packages every extension bundle needs; the versions come from cards/package.json. */
export const REQUIRED_RUNTIME_DEPENDENCIES = ['@hubspot/ui-extensions', 'react'];

/** Where HubSpot 2025.2+ projects (2026.03 too) keep each UI extension type, under src/app/. */
export const EXTENSION_DIRS = { card: 'cards', settings: 'settings', page: 'pages' } as const;
export type ExtensionType = keyof typeof EXTENSION_DIRS;

const uid = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ - . only');
const entrypoint = z.string().regex(/^\/app\/(cards|settings|pages)\/[^/]+\/.+\.(jsx|tsx|js|ts)$/, 'must be like /app/cards/<extension>/index.tsx');

export const cardDefinitionSchema = z.object({
  uid,
  type: z.literal('card'),
  config: z.object({
    name: z.string().min(1).max(64),
    description: z.string().optional(),
    location: z.enum(['crm.record.tab', 'crm.record.sidebar'], 'must be crm.record.tab or crm.record.sidebar'),
    objectTypes: z.array(z.string().min(1)).min(1),
    entrypoint,
    previewImage: z.object({ file: z.string(), altText: z.string() }).optional(),
  }),
});

export const settingsDefinitionSchema = z.object({
  uid,
  type: z.literal('settings'),
  config: z.object({ name: z.string().min(1).optional(), entrypoint }),
});

export const pageDefinitionSchema = z.object({
  uid,
  type: z.literal('page'),
  config: z.object({ name: z.string().min(1).optional(), location: z.literal('home', 'must be home'), entrypoint }),
});

const extensionSchemas = { card: cardDefinitionSchema, settings: settingsDefinitionSchema, page: pageDefinitionSchema };

export type ExtensionDefinition =
  | z.infer<typeof cardDefinitionSchema>
  | z.infer<typeof settingsDefinitionSchema>
  | z.infer<typeof pageDefinitionSchema>;

export interface Extension {
  /** Directory name under cards/src/. */
  name: string;
  /** cards/src/<name>/<file>-hsmeta.json, relative to the repo (for messages). */
  metaFile: string;
  metaFileName: string;
  definition: ExtensionDefinition;
  /** The file as written (zod drops keys it does not know; HubSpot gets them all). */
  raw: unknown;
}

export class ProjectConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Every extension under <cardsDir>/src/<name>/ (one *-hsmeta.json each), validated: its schema, its
 * entrypoint's directory matching its type and name, the entrypoint file on disk. Throws a
 * ProjectConfigError naming every broken file.
 */
export function loadExtensions(cardsDir: string, label = 'cards'): Extension[] {
  const srcDir = join(cardsDir, 'src');
  const problems: string[] = [];
  const extensions: Extension[] = [];
  for (const name of readdirSync(srcDir).sort()) {
    if (name === SHARED_DIR || !statSync(join(srcDir, name)).isDirectory()) continue;
    const metaFiles = readdirSync(join(srcDir, name)).filter((file) => file.endsWith('-hsmeta.json'));
    if (metaFiles.length === 0) continue; // still being written, or a helper directory
    if (metaFiles.length > 1) {
      problems.push(`${label}/src/${name}: one *-hsmeta.json per extension, found ${metaFiles.join(', ')}`);
      continue;
    }
    const metaFileName = metaFiles[0]!;
    const metaFile = `${label}/src/${name}/${metaFileName}`;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(srcDir, name, metaFileName), 'utf8'));
    } catch (error) {
      problems.push(`${metaFile} is not valid JSON: ${(error as Error).message}`);
      continue;
    }
    const type = (raw as { type?: unknown })?.type;
    if (typeof type !== 'string' || !(type in extensionSchemas)) {
      problems.push(`${metaFile} is invalid: type must be one of card, settings, page (got ${JSON.stringify(type)})`);
      continue;
    }
    const parsed = extensionSchemas[type as ExtensionType].safeParse(raw);
    if (!parsed.success) {
      problems.push(`${metaFile} is invalid:\n${z.prettifyError(parsed.error)}`);
      continue;
    }
    const definition = parsed.data;
    const expectedPrefix = `/app/${EXTENSION_DIRS[definition.type]}/${name}/`;
    const { entrypoint: entry } = definition.config;
    if (!entry.startsWith(expectedPrefix)) {
      problems.push(`${metaFile} is invalid: config.entrypoint ${entry} must start with ${expectedPrefix} (a ${definition.type} is built into src/app/${EXTENSION_DIRS[definition.type]}/${name}/)`);
      continue;
    }
    const sourceFile = join(srcDir, name, entry.slice(expectedPrefix.length));
    if (!existsSync(sourceFile)) {
      problems.push(`${metaFile} is invalid: config.entrypoint ${entry} does not exist (no ${label}/src/${name}/${entry.slice(expectedPrefix.length)})`);
      continue;
    }
    extensions.push({ name, metaFile, metaFileName, definition, raw });
  }
  const uids = new Map<string, string>();
  for (const extension of extensions) {
    const other = uids.get(extension.definition.uid);
    if (other) problems.push(`${extension.metaFile}: uid ${extension.definition.uid} is also used by ${other}`);
    uids.set(extension.definition.uid, extension.metaFile);
  }
  if (problems.length > 0) throw new ProjectConfigError(problems);
  return extensions;
}

const SOURCE_FILE = /\.(tsx?|jsx?|mjs|cjs|json|css)$/;
const TEST_FILE = /(\.test\.|\.spec\.|__tests__)/;
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(dir, file)).isFile() && SOURCE_FILE.test(file) && !TEST_FILE.test(file) && !file.endsWith('-hsmeta.json'))
    .sort();
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * Checks an extension's imports: relative ones stay inside the extension or cards/src/shared/ (the
 * only code copied next to it), packages are runtime dependencies of cards/package.json.
 */
function checkImports(srcDir: string, name: string, files: string[], dependencies: Record<string, string>, label: string): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(srcDir, name, file), 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const typeOnly = Boolean(match[1]);
      const specifier = match[2] ?? match[3]!;
      const where = `${label}/src/${name}/${file.split(sep).join('/')}`;
      if (specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(name, posix.dirname(file.split(sep).join('/')), specifier));
        if (!target.startsWith(`${name}/`) && !target.startsWith(`${SHARED_DIR}/`) && target !== SHARED_DIR) {
          problems.push(`${where} imports ${specifier}: only its own directory and ${label}/src/${SHARED_DIR}/ are copied into the project`);
        }
      } else if (!typeOnly && !specifier.startsWith('node:') && !(packageName(specifier) in dependencies)) {
        problems.push(`${where} imports ${specifier}, which is not a dependency in ${label}/package.json`);
      }
    }
  }
  return problems;
}

export interface CopyExtensionsOptions {
  cardsDir: string;
  /** build/hubspot/src/app */
  appDir: string;
  appBaseUrl: string;
  label?: string;
}

/**
 * Copies each extension to src/app/{cards|settings|pages}/: the hsmeta file at the top of the
 * directory (HubSpot reads *-hsmeta.json only there), the extension's code in <name>/, the shared
 * code in shared/ (so `../shared/…` imports resolve as in cards/src/), and one package.json with
 * the cards' runtime dependencies. The base URL placeholder becomes appBaseUrl. Returns the files
 * written, relative to appDir's parent (the project's src/).
 */
export function copyExtensions(extensions: Extension[], { cardsDir, appDir, appBaseUrl, label = 'cards' }: CopyExtensionsOptions): string[] {
  const srcDir = join(cardsDir, 'src');
  const cardsPackage = JSON.parse(readFileSync(join(cardsDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = cardsPackage.dependencies ?? {};
  const problems: string[] = REQUIRED_RUNTIME_DEPENDENCIES.filter((dep) => !dependencies[dep]).map(
    (dep) => `${label}/package.json: dependencies must include ${dep} (HubSpot installs the extensions\u2019 runtime from it)`,
  );
  const hasShared = existsSync(join(srcDir, SHARED_DIR));
  const sharedFiles = hasShared ? listFiles(join(srcDir, SHARED_DIR)) : [];
  problems.push(...checkImports(srcDir, SHARED_DIR, sharedFiles, dependencies, label));
  const sourcesByExtension = new Map(extensions.map((extension) => [extension.name, listFiles(join(srcDir, extension.name))]));
  for (const extension of extensions) problems.push(...checkImports(srcDir, extension.name, sourcesByExtension.get(extension.name)!, dependencies, label));
  if (problems.length > 0) throw new ProjectConfigError(problems);

  const written: string[] = [];
  const write = (path: string, content: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(relative(dirname(appDir), path).split(sep).join('/'));
  };
  const copySource = (from: string, to: string) => {
    const text = readFileSync(from, 'utf8');
    write(to, text.split(CARDS_BASE_URL_PLACEHOLDER).join(appBaseUrl));
  };
  const usedDirs = [...new Set(extensions.map((extension) => EXTENSION_DIRS[extension.definition.type]))];
  for (const extension of extensions) {
    const target = join(appDir, EXTENSION_DIRS[extension.definition.type]);
    write(join(target, extension.metaFileName), `${JSON.stringify(extension.raw, null, 2)}\n`);
    for (const file of sourcesByExtension.get(extension.name)!) copySource(join(srcDir, extension.name, file), join(target, extension.name, file));
  }
  for (const dir of usedDirs) {
    for (const file of sharedFiles) copySource(join(srcDir, SHARED_DIR, file), join(appDir, dir, SHARED_DIR, file));
    const manifest = {
      name: `lead-manager-${dir}`,
      version: '0.1.0',
      private: true,
      dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
    };
    write(join(appDir, dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const leftovers = written.filter((file) => readFileSync(join(dirname(appDir), file), 'utf8').includes(CARDS_BASE_URL_PLACEHOLDER));
  if (leftovers.length > 0) throw new ProjectConfigError(leftovers.map((file) => `${file}: still holds ${CARDS_BASE_URL_PLACEHOLDER}`));
  return written;
}
