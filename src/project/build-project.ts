import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadAppDefinition } from '../app-definition';
import { loadWebhooksDefinition } from './webhooks-definition';

export const PLATFORM_VERSION = '2025.2';

export interface BuildProjectOptions {
  appBaseUrl: string;
  outDir: string;
}

/**
 * Assembles the deployable HubSpot project (hsproject.json + src/app/…) from app.json and webhooks/,
 * validating each config first: a bad one stops the build with a message that names it.
 */
export function buildProject({ appBaseUrl, outDir }: BuildProjectOptions): string[] {
  const describe = (file: string, load: () => unknown) => {
    try {
      return load();
    } catch (error) {
      const detail = error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
      throw new Error(`${file} is invalid:\n${detail}`);
    }
  };
  const app = describe('app.json', () => loadAppDefinition(appBaseUrl));
  const webhooks = describe('webhooks/webhooks-hsmeta.json', () => loadWebhooksDefinition(appBaseUrl));

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
  return Object.keys(files);
}

if (require.main === module) {
  const appBaseUrl = process.env.APP_BASE_URL;
  if (!appBaseUrl || !appBaseUrl.startsWith('https://')) {
    process.stderr.write('APP_BASE_URL: set it to the public https URL of the service before building the HubSpot project\n');
    process.exit(1);
  }
  try {
    const outDir = join(__dirname, '..', '..', 'build', 'hubspot');
    const written = buildProject({ appBaseUrl: appBaseUrl.replace(/\/+$/, ''), outDir });
    process.stdout.write(`HubSpot project written to build/hubspot:\n${written.map((f) => `  ${f}`).join('\n')}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
