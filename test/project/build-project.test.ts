import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadAppDefinition } from '../../src/app-definition';
import { API_SCOPES, checkScopes } from '../../src/project/api-scopes';
import { buildProject } from '../../src/project/build-project';
import { consumedSubscriptions } from '../../src/project/cross-checks';
import { parseWithHubspotLib } from '../../src/project/hubspot-parse';
import { loadWebhooksDefinition } from '../../src/project/webhooks-definition';

const ROOT = join(__dirname, '..', '..');
const URL = 'https://leads.example.com';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path: string, value: unknown) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
};

describe('HubSpot project build', () => {
  let dir: string;
  let outDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lead-manager-project-'));
    outDir = join(dir, 'out');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A temp copy of app.json, changed by `edit`. */
  const appJson = (edit: (app: any) => void = () => {}) => {
    const app = readJson(join(ROOT, 'app.json'));
    edit(app);
    writeJson(join(dir, 'app.json'), app);
    return join(dir, 'app.json');
  };

  /** A webhooks-hsmeta.json declaring exactly what the service consumes (so tests of other parts do not hang on the repo file). */
  const webhooksJson = (edit: (hooks: any) => void = () => {}) => {
    const hooks = readJson(join(ROOT, 'webhooks', 'webhooks-hsmeta.json'));
    const legacyCrmObjects: unknown[] = [];
    const crmObjects: unknown[] = [];
    const hubEvents: unknown[] = [];
    for (const key of consumedSubscriptions().required.keys()) {
      const [subscriptionType, detail] = key.split(':');
      if (subscriptionType === 'contact.privacyDeletion') hubEvents.push({ subscriptionType, active: true });
      else if (subscriptionType!.startsWith('object.')) crmObjects.push({ subscriptionType, objectType: detail, active: true });
      else legacyCrmObjects.push({ subscriptionType, ...(detail && { propertyName: detail }), active: true });
    }
    hooks.config.subscriptions = { crmObjects, legacyCrmObjects, hubEvents };
    edit(hooks);
    writeJson(join(dir, 'webhooks.json'), hooks);
    return join(dir, 'webhooks.json');
  };

  /** A cards/ workspace with a card, a settings page and a home page importing shared code. */
  const cardsFixture = (edit: (files: Record<string, unknown>) => void = () => {}) => {
    const cardsDir = join(dir, 'cards');
    const files: Record<string, unknown> = {
      'package.json': { name: 'cards', type: 'module', dependencies: { '@hubspot/ui-extensions': '0.17.0', react: '18.3.1' }, devDependencies: { vitest: '3.2.7' } },
      'src/shared/api-base.ts': "export const API_BASE = '__APP_BASE_URL__';\n",
      'src/shared/call.ts': "import { hubspot } from '@hubspot/ui-extensions';\nimport { API_BASE } from './api-base';\nexport const call = (path: string) => hubspot.fetch(`${API_BASE}${path}`);\n",
      'src/score/score-card-hsmeta.json': {
        uid: 'demo_score_card',
        type: 'card',
        config: { name: 'Score', location: 'crm.record.sidebar', objectTypes: ['contacts'], entrypoint: '/app/cards/score/index.tsx' },
      },
      'src/score/index.tsx': "import { hubspot, Text } from '@hubspot/ui-extensions';\nimport type { Vi } from 'vitest';\nimport { call } from '../shared/call';\nhubspot.extend(() => <Text>{String(call)}</Text>);\n",
      'src/admin/settings-hsmeta.json': { uid: 'demo_settings', type: 'settings', config: { entrypoint: '/app/settings/admin/index.tsx' } },
      'src/admin/index.tsx': "import { hubspot } from '@hubspot/ui-extensions';\nimport { API_BASE } from '../shared/api-base';\nhubspot.extend(() => API_BASE);\n",
      'src/home/home-hsmeta.json': { uid: 'demo_home', type: 'page', config: { location: 'home', entrypoint: '/app/pages/home/index.tsx' } },
      'src/home/index.tsx': "import React from 'react';\nimport { call } from '../shared/call';\nexport default () => React.createElement('div', null, String(call));\n",
    };
    edit(files);
    for (const [path, content] of Object.entries(files)) {
      if (content === undefined) continue;
      mkdirSync(dirname(join(cardsDir, path)), { recursive: true });
      writeFileSync(join(cardsDir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    return cardsDir;
  };

  it('builds the repo\u2019s own project: app.json, webhooks/ and cards/ pass every check and the parsing lib', async () => {
    const result = await buildProject({ appBaseUrl: URL, outDir });
    expect(result.components).toMatchObject({ lead_manager_app: 'APPLICATION', lead_manager_webhooks: 'WEBHOOKS' });
    for (const extension of result.extensions) expect(Object.keys(result.components)).toContain(extension.uid);
    const app = readJson(join(outDir, 'src/app/app-hsmeta.json'));
    expect(app.config.permittedUrls.fetch).toEqual([URL]);
    const apiBase = join(outDir, 'src/app/cards/shared/api-base.ts');
    if (existsSync(apiBase)) expect(readFileSync(apiBase, 'utf8')).toContain(`'${URL}'`);
  });

  it('writes hsproject.json, the app, the webhooks and each extension where the 2026.03 platform expects it', async () => {
    const result = await buildProject({ appBaseUrl: URL, outDir, appJsonPath: appJson(), webhooksJsonPath: webhooksJson(), cardsDir: cardsFixture() });
    expect(result.notes).toEqual([]);
    expect(result.files).toEqual(
      expect.arrayContaining([
        'hsproject.json',
        'src/app/app-hsmeta.json',
        'src/app/webhooks/webhooks-hsmeta.json',
        'src/app/cards/score-card-hsmeta.json',
        'src/app/cards/score/index.tsx',
        'src/app/cards/shared/call.ts',
        'src/app/cards/package.json',
        'src/app/settings/settings-hsmeta.json',
        'src/app/settings/admin/index.tsx',
        'src/app/settings/shared/api-base.ts',
        'src/app/settings/package.json',
        'src/app/pages/home-hsmeta.json',
        'src/app/pages/home/index.tsx',
        'src/app/pages/shared/call.ts',
        'src/app/pages/package.json',
      ]),
    );
    expect(result.components).toEqual({
      lead_manager_app: 'APPLICATION',
      lead_manager_webhooks: 'WEBHOOKS',
      demo_score_card: 'CARD',
      demo_settings: 'SETTINGS',
      demo_home: 'PAGE',
    });
    const read = (path: string) => readFileSync(join(outDir, path), 'utf8');
    expect(readJson(join(outDir, 'hsproject.json'))).toEqual({ name: 'lead-manager', srcDir: 'src', platformVersion: '2026.03' });
    const app = JSON.parse(read('src/app/app-hsmeta.json'));
    expect(app.config.auth.redirectUrls).toEqual([`${URL}/oauth/callback`]);
    expect(JSON.parse(read('src/app/webhooks/webhooks-hsmeta.json')).config.settings.targetUrl).toBe(`${URL}/webhooks/hubspot`);
    for (const dir of ['cards', 'settings', 'pages']) {
      expect(read(`src/app/${dir}/shared/api-base.ts`)).toBe(`export const API_BASE = '${URL}';\n`);
      expect(JSON.parse(read(`src/app/${dir}/package.json`)).dependencies).toEqual({ '@hubspot/ui-extensions': '0.17.0', react: '18.3.1' });
    }
    expect(JSON.parse(read('src/app/cards/score-card-hsmeta.json')).config.entrypoint).toBe('/app/cards/score/index.tsx');
    expect(existsSync(join(outDir, 'src/app/cards/score/score-card-hsmeta.json'))).toBe(false);
  });

  it('builds the app and webhooks only when there is no cards/ workspace, and says so', async () => {
    const result = await buildProject({ appBaseUrl: URL, outDir, appJsonPath: appJson(), webhooksJsonPath: webhooksJson(), cardsDir: join(dir, 'no-cards') });
    expect(result.files).toEqual(['hsproject.json', 'src/app/app-hsmeta.json', 'src/app/webhooks/webhooks-hsmeta.json']);
    expect(result.components).toEqual({ lead_manager_app: 'APPLICATION', lead_manager_webhooks: 'WEBHOOKS' });
    expect(result.notes.join('\n')).toMatch(/no cards\/src\/.*app and its webhooks only/);
  });

  const build = (options: { app?: string; webhooks?: string; cards?: string } = {}) =>
    buildProject({
      appBaseUrl: URL,
      outDir,
      appJsonPath: options.app ?? appJson(),
      webhooksJsonPath: options.webhooks ?? webhooksJson(),
      cardsDir: options.cards ?? join(dir, 'no-cards'),
    });

  it('fails on a missing scope, naming the scope and the calls that need it', async () => {
    const app = appJson((a) => (a.config.auth.requiredScopes = a.config.auth.requiredScopes.filter((s: string) => s !== 'crm.objects.owners.read')));
    await expect(build({ app })).rejects.toThrow(/app\.json: requiredScopes lacks "crm\.objects\.owners\.read", needed by owners\.list/);
    const noWrite = appJson((a) => (a.config.auth.requiredScopes = a.config.auth.requiredScopes.filter((s: string) => s !== 'crm.objects.contacts.write')));
    await expect(build({ app: noWrite })).rejects.toThrow(/lacks "crm\.objects\.contacts\.write", needed by contacts\.batchUpdate.*tasks\.create/);
  });

  it('asks for settings.users.read as an optional scope (super admins may publish where a portal grants it), and fails without it', async () => {
    const { auth } = loadAppDefinition(URL).config;
    expect(auth.optionalScopes).toContain('settings.users.read');
    expect(auth.requiredScopes).not.toContain('settings.users.read');
    const app = appJson((a) => (a.config.auth.optionalScopes = a.config.auth.optionalScopes.filter((s: string) => s !== 'settings.users.read')));
    await expect(build({ app })).rejects.toThrow(/app\.json: requiredScopes and optionalScopes lack "settings\.users\.read", needed by users\.get/);
  });

  it('fails on a subscription the service consumes but webhooks-hsmeta.json does not declare', async () => {
    const webhooks = webhooksJson((h) => {
      const legacy = h.config.subscriptions.legacyCrmObjects;
      h.config.subscriptions.legacyCrmObjects = legacy.filter((s: any) => s.propertyName !== 'industry' && s.subscriptionType !== 'contact.merge');
      h.config.subscriptions.crmObjects = h.config.subscriptions.crmObjects.filter((s: any) => s.objectType !== 'meeting');
    });
    const failure = build({ webhooks });
    await expect(failure).rejects.toThrow(/consumes contact\.propertyChange of "industry" \(a fit rule of the default scoring model\) but it is not declared/);
    await expect(failure).rejects.toThrow(/consumes contact\.merge .*but it is not declared/);
    await expect(failure).rejects.toThrow(/consumes object\.creation for meeting .*0-47.*but it is not declared/);
  });

  it('fails on a declared subscription the service does not consume, and on an inactive consumed one', async () => {
    const webhooks = webhooksJson((h) => {
      h.config.subscriptions.legacyCrmObjects.push({ subscriptionType: 'contact.propertyChange', propertyName: 'firstname', active: true });
      h.config.subscriptions.crmObjects.push({ subscriptionType: 'object.creation', objectType: 'deal', active: true });
      h.config.subscriptions.legacyCrmObjects.find((s: any) => s.propertyName === 'country').active = false;
    });
    const failure = build({ webhooks });
    await expect(failure).rejects.toThrow(/contact\.propertyChange of "firstname" is declared but the service does not consume it/);
    await expect(failure).rejects.toThrow(/object\.creation for deal is declared but the service does not consume it/);
    await expect(failure).rejects.toThrow(/contact\.propertyChange of "country" is consumed .* but declared inactive/);
  });

  it('accepts time companions of mapped properties whether declared or not', async () => {
    const webhooks = webhooksJson((h) => h.config.subscriptions.legacyCrmObjects.push({ subscriptionType: 'contact.propertyChange', propertyName: 'recent_conversion_date', active: true }));
    await expect(build({ webhooks })).resolves.toMatchObject({ components: { lead_manager_webhooks: 'WEBHOOKS' } });
  });

  it('fails when permittedUrls.fetch does not hold APP_BASE_URL', async () => {
    const app = appJson((a) => (a.config.permittedUrls.fetch = ['https://elsewhere.example.com']));
    await expect(build({ app })).rejects.toThrow(/permittedUrls\.fetch must hold APP_BASE_URL \(https:\/\/leads\.example\.com\)/);
  });

  it('fails on a bad card location, a missing entrypoint, an entrypoint in the wrong directory and an unlisted package', async () => {
    const location = cardsFixture((files) => ((files['src/score/score-card-hsmeta.json'] as any).config.location = 'crm.record.footer'));
    await expect(build({ cards: location })).rejects.toThrow(/cards\/src\/score\/score-card-hsmeta\.json is invalid:[\s\S]*crm\.record\.tab or crm\.record\.sidebar[\s\S]*config\.location/);

    rmSync(join(dir, 'cards'), { recursive: true });
    const missing = cardsFixture((files) => ((files['src/admin/settings-hsmeta.json'] as any).config.entrypoint = '/app/settings/admin/gone.tsx'));
    await expect(build({ cards: missing })).rejects.toThrow(/settings-hsmeta\.json is invalid: config\.entrypoint \/app\/settings\/admin\/gone\.tsx does not exist/);

    rmSync(join(dir, 'cards'), { recursive: true });
    const wrongDir = cardsFixture((files) => ((files['src/home/home-hsmeta.json'] as any).config.entrypoint = '/app/cards/home/index.tsx'));
    await expect(build({ cards: wrongDir })).rejects.toThrow(/home-hsmeta\.json is invalid: config\.entrypoint \/app\/cards\/home\/index\.tsx must start with \/app\/pages\/home\//);

    rmSync(join(dir, 'cards'), { recursive: true });
    const page = cardsFixture((files) => ((files['src/home/home-hsmeta.json'] as any).config.location = 'crm.record.tab'));
    await expect(build({ cards: page })).rejects.toThrow(/home-hsmeta\.json is invalid:[\s\S]*must be home/);

    rmSync(join(dir, 'cards'), { recursive: true });
    const lodash = cardsFixture((files) => (files['src/score/extra.ts'] = "import { chunk } from 'lodash';\nexport const x = chunk;\n"));
    await expect(build({ cards: lodash })).rejects.toThrow(/cards\/src\/score\/extra\.ts imports lodash, which is not a dependency in cards\/package\.json/);
  });

  it('reports what @hubspot/project-parsing-lib finds wrong in a built project', async () => {
    await build({ cards: cardsFixture() });
    renameSync(join(outDir, 'src/app/cards/score-card-hsmeta.json'), join(outDir, 'src/app/cards/score/score-card-hsmeta.json'));
    mkdirSync(join(outDir, 'src/app/functions'), { recursive: true });
    writeJson(join(outDir, 'src/app/settings/other-settings-hsmeta.json'), { uid: 'bad uid!', type: 'settings', config: { entrypoint: '/app/settings/admin/index.tsx' } });
    const { problems, components } = await parseWithHubspotLib(outDir);
    expect(components).not.toHaveProperty('demo_score_card');
    expect(problems.join('\n')).toMatch(/src\/app\/cards\/score\/score-card-hsmeta\.json: HubSpot ignores it/);
    expect(problems.join('\n')).toMatch(/other-settings-hsmeta\.json: .*uid/i);
    expect(problems.join('\n')).toMatch(/only one settings per project/);
  });

  it('has a scope row for every operation the gateway runs, and app.json covers the service\u2019s calls', () => {
    const hubspotDir = join(ROOT, 'src/hubspot');
    const source = readdirSync(hubspotDir).map((file) => readFileSync(join(hubspotDir, file), 'utf8')).join('\n');
    const operations = [...source.matchAll(/(?:run|(?:call|listPages)(?:<[^(]*?>)?|readInChunks)\(\s*'([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!);
    expect(operations.length).toBeGreaterThanOrEqual(16);
    expect(operations.filter((op) => !(op in API_SCOPES))).toEqual([]);
    expect(checkScopes(loadAppDefinition(URL))).toEqual([]);
  });

  it('names the file and the field when a config is broken', () => {
    const broken = appJson((app) => app.config.auth.requiredScopes.push('Not A Scope'));
    expect(() => loadAppDefinition('https://x.example', broken)).toThrow(/not a HubSpot scope name/);
    const hooksFile = webhooksJson((hooks) => (hooks.config.settings.maxConcurrentRequests = 1));
    expect(() => loadWebhooksDefinition('https://x.example', hooksFile)).toThrow(/maxConcurrentRequests/);
  });

  it('copies nothing from cards/ that is not an extension or shared code', () => {
    const cardsDir = cardsFixture();
    cpSync(join(cardsDir, 'src/score'), join(cardsDir, 'src/notes-without-meta'), { recursive: true });
    rmSync(join(cardsDir, 'src/notes-without-meta/score-card-hsmeta.json'));
    return build({ cards: cardsDir }).then(({ files }) => {
      expect(files.some((f) => f.includes('notes-without-meta'))).toBe(false);
      expect(readdirSync(join(outDir, 'src/app'))).toEqual(expect.arrayContaining(['cards', 'settings', 'pages', 'webhooks']));
    });
  });
});
