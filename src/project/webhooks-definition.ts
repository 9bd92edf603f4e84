import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BASE_URL_PLACEHOLDER } from '../app-definition';

export const WEBHOOKS_JSON_PATH = join(__dirname, '..', '..', 'webhooks', 'webhooks-hsmeta.json');

const active = { active: z.boolean().default(true) };

export const webhooksDefinitionSchema = z.object({
  uid: z.string().min(1).max(64),
  type: z.literal('webhooks'),
  config: z.object({
    settings: z.object({
      targetUrl: z.string().url(),
      maxConcurrentRequests: z.number().int().min(5).max(100),
    }),
    subscriptions: z.object({
      crmObjects: z
        .array(
          z.object({
            subscriptionType: z.enum(['object.creation', 'object.deletion', 'object.propertyChange', 'object.merge', 'object.restore', 'object.associationChange']),
            objectType: z.string().min(1),
            propertyName: z.string().min(1).optional(),
            ...active,
          }),
        )
        .default([]),
      legacyCrmObjects: z
        .array(
          z.object({
            subscriptionType: z.string().regex(/^(contact|company|deal|ticket)\.[a-zA-Z]+$/, 'must be like contact.propertyChange'),
            propertyName: z.string().min(1).optional(),
            ...active,
          }),
        )
        .default([]),
      hubEvents: z.array(z.object({ subscriptionType: z.literal('contact.privacyDeletion'), ...active })).default([]),
    }),
  }),
});

export type WebhooksDefinition = z.infer<typeof webhooksDefinitionSchema>;

/** webhooks/webhooks-hsmeta.json, validated, with the target URL on this deployment's base URL. */
export function loadWebhooksDefinition(appBaseUrl: string, path = WEBHOOKS_JSON_PATH): WebhooksDefinition {
  const text = readFileSync(path, 'utf8').split(BASE_URL_PLACEHOLDER).join(appBaseUrl);
  return webhooksDefinitionSchema.parse(JSON.parse(text));
}
