import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppDefinition } from '../../src/app-definition';
import { buildProject } from '../../src/project/build-project';
import { loadWebhooksDefinition } from '../../src/project/webhooks-definition';

describe('HubSpot project build', () => {
  let outDir: string;
  beforeEach(() => (outDir = mkdtempSync(join(tmpdir(), 'lead-manager-project-'))));
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes hsproject.json, the app and the webhooks with this deployment\u2019s URLs', () => {
    expect(buildProject({ appBaseUrl: 'https://leads.example.com', outDir })).toEqual([
      'hsproject.json',
      'src/app/app-hsmeta.json',
      'src/app/webhooks/webhooks-hsmeta.json',
    ]);
    const read = (path: string) => JSON.parse(readFileSync(join(outDir, path), 'utf8'));
    expect(read('hsproject.json')).toEqual({ name: 'lead-manager', srcDir: 'src', platformVersion: '2025.2' });
    const app = read('src/app/app-hsmeta.json');
    expect(app.config.auth.redirectUrls).toEqual(['https://leads.example.com/oauth/callback']);
    expect(app.config.permittedUrls.fetch).toEqual(['https://leads.example.com']);
    expect(read('src/app/webhooks/webhooks-hsmeta.json').config.settings.targetUrl).toBe('https://leads.example.com/webhooks/hubspot');
    expect(JSON.stringify(read('src/app/app-hsmeta.json'))).not.toContain('${APP_BASE_URL}');
  });

  it('names the file and the field when a config is broken', () => {
    const broken = join(outDir, 'app.json');
    const app = JSON.parse(readFileSync(join(__dirname, '..', '..', 'app.json'), 'utf8'));
    app.config.auth.requiredScopes.push('Not A Scope');
    writeFileSync(broken, JSON.stringify(app));
    expect(() => loadAppDefinition('https://x.example', broken)).toThrow(/requiredScopes.*\n?.*not a HubSpot scope name|not a HubSpot scope name/);

    const hooks = JSON.parse(readFileSync(join(__dirname, '..', '..', 'webhooks', 'webhooks-hsmeta.json'), 'utf8'));
    hooks.config.settings.maxConcurrentRequests = 1;
    const hooksFile = join(outDir, 'webhooks.json');
    writeFileSync(hooksFile, JSON.stringify(hooks));
    expect(() => loadWebhooksDefinition('https://x.example', hooksFile)).toThrow(/maxConcurrentRequests/);
  });
});
