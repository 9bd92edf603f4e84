import { join } from 'node:path';

/**
 * @hubspot/project-parsing-lib is ESM-only and this package is CommonJS: TypeScript would turn a
 * plain `import()` into `require()`, so the specifier goes through a Function the compiler leaves
 * alone (works under tsx and under jest with --experimental-vm-modules).
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface IrNode {
  uid: string;
  componentType: string;
  componentDeps: Record<string, string | string[]>;
  metaFilePath: string;
}

interface ComponentInfo {
  dir: string;
  parentComponent?: string;
  singularComponent?: boolean;
}

interface TranslateModule {
  translate(
    context: { projectSourceDir: string; platformVersion: string },
    options: { skipValidation: boolean },
  ): Promise<{ intermediateRepresentation: { intermediateNodesIndexedByUid: Record<string, IrNode> }; skippedHsMetaFiles: string[] }>;
}

interface ProjectsModule {
  parseProjectConfig(projectDir: string): { name: string; srcDir: string; platformVersion: string };
  isKnownPlatformVersion(version: string): boolean;
}

interface ConstantsModule {
  Components: Record<string, ComponentInfo>;
  INTERNAL_TYPE_TO_USER_FACING: Record<string, string>;
}

interface UidModule {
  validateUid(uid: string): string | undefined;
}

export interface HubspotParseResult {
  /** uid → HubSpot's internal component type (APPLICATION, CARD, WEBHOOKS…). */
  components: Record<string, string>;
  problems: string[];
}

const load = <T>(subpath: string) => importEsm(`@hubspot/project-parsing-lib/${subpath}`) as Promise<T>;

let lib: Promise<{ translate: TranslateModule['translate']; projects: ProjectsModule; constants: ConstantsModule; uid: UidModule }> | undefined;

/** One at a time: jest's ESM loader fails ("not in cache") when imports sharing modules link concurrently. */
function loadLib() {
  lib ??= (async () => {
    const { translate } = await load<TranslateModule>('translate');
    const projects = await load<ProjectsModule>('projects');
    const constants = await load<ConstantsModule>('constants');
    const uid = await load<UidModule>('uid');
    return { translate, projects, constants, uid };
  })();
  return lib;
}

/**
 * Parses the built project the way `hs project upload` does before it uploads, offline: hsproject.json
 * (parseProjectConfig), the platform version, every *-hsmeta.json found and turned into HubSpot's
 * intermediate representation (translate), then the lib's own offline checks on each component:
 * uid syntax, the directory its type belongs in, one component of a singular type, an app parent.
 * The per-type config JSON schemas are fetched from HubSpot with an account, so they are left to
 * our zod schemas here. Problems come back as lines naming the file.
 */
export async function parseWithHubspotLib(projectDir: string): Promise<HubspotParseResult> {
  const { translate, projects, constants, uid } = await loadLib();
  const { parseProjectConfig, isKnownPlatformVersion } = projects;
  const { validateUid } = uid;
  const problems: string[] = [];
  const project = parseProjectConfig(projectDir);
  if (!isKnownPlatformVersion(project.platformVersion)) {
    problems.push(`hsproject.json: platformVersion ${project.platformVersion} is not one @hubspot/project-parsing-lib knows`);
  }
  const projectSourceDir = join(projectDir, project.srcDir);
  const { intermediateRepresentation, skippedHsMetaFiles } = await translate(
    { projectSourceDir, platformVersion: project.platformVersion },
    { skipValidation: true },
  );
  for (const file of skippedHsMetaFiles) {
    problems.push(`${project.srcDir}/${file}: HubSpot ignores it (a *-hsmeta.json must sit directly in app/ or app/<component dir>/)`);
  }
  const nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid);
  const byType = new Map<string, IrNode[]>();
  for (const node of nodes) {
    const file = `${project.srcDir}/${node.metaFilePath}`;
    const userType = (constants.INTERNAL_TYPE_TO_USER_FACING[node.componentType] ?? node.componentType).toLowerCase().replace(/_/g, '-');
    const component = constants.Components[userType];
    const uidProblem = validateUid(node.uid);
    if (uidProblem) problems.push(`${file}: ${uidProblem}`);
    if (!component) {
      problems.push(`${file}: unknown component type ${userType}`);
      continue;
    }
    const expectedDir = component.parentComponent ? `${constants.Components[component.parentComponent]!.dir}/${component.dir}` : component.dir;
    const actualDir = node.metaFilePath.split('/').slice(0, -1).join('/');
    if (actualDir !== expectedDir) problems.push(`${file}: a ${userType} belongs in ${project.srcDir}/${expectedDir}/`);
    if (component.parentComponent === 'app' && !node.componentDeps.app) problems.push(`${file}: a ${userType} needs the app component (app/app-hsmeta.json)`);
    if (component.singularComponent) byType.set(userType, [...(byType.get(userType) ?? []), node]);
  }
  for (const [type, same] of byType) {
    if (same.length > 1) problems.push(`only one ${type} per project: ${same.map((n) => n.metaFilePath).join(', ')}`);
  }
  return {
    components: Object.fromEntries(nodes.map((node) => [node.uid, node.componentType])),
    problems,
  };
}
