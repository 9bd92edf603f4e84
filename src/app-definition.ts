import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** Stands in app.json for the service's public base URL, filled in per deployment. */
export const BASE_URL_PLACEHOLDER = '${APP_BASE_URL}';
export const APP_JSON_PATH = join(__dirname, '..', 'app.json');

const scope = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'not a HubSpot scope name');

export const appDefinitionSchema = z.object({
  uid: z.string().min(1).max(64),
  type: z.literal('app'),
  config: z.object({
    name: z.string().min(1).max(200),
    description: z.string().min(1),
    distribution: z.literal('marketplace'),
    auth: z.object({
      type: z.literal('oauth'),
      redirectUrls: z.array(z.string().min(1)).min(1),
      requiredScopes: z.array(scope).min(1),
      optionalScopes: z.array(scope).default([]),
      conditionallyRequiredScopes: z.array(scope).default([]),
    }),
    permittedUrls: z.object({
      fetch: z.array(z.string()).default([]),
      iframe: z.array(z.string()).default([]),
      img: z.array(z.string()).default([]),
    }),
    support: z.object({
      supportEmail: z.string().email(),
      documentationUrl: z.string().url(),
      supportUrl: z.string().url(),
    }),
  }),
});

export type AppDefinition = z.infer<typeof appDefinitionSchema>;

/** app.json, validated, with the base URL placeholder filled in: the one source of scopes and redirect URL. */
export function loadAppDefinition(appBaseUrl: string, path = APP_JSON_PATH): AppDefinition {
  const text = readFileSync(path, 'utf8').split(BASE_URL_PLACEHOLDER).join(appBaseUrl);
  return appDefinitionSchema.parse(JSON.parse(text));
}

export function oauthRedirectUri(appBaseUrl: string): string {
  return `${appBaseUrl}/oauth/callback`;
}
