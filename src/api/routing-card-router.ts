import { Router } from 'express';
import { z } from 'zod';
import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import { applyCardAction, cardActionBody } from '../leads/card-actions';
import { withRepAvailability } from '../leads/effective-settings';
import { LeadActionError } from '../leads/lead-action-error';
import { routingView } from './routing-view';
import { sendQueuedTasks } from '../write-back/task-outbox';
import type { Db } from '../store/db';
import { lockKnownContact } from '../store/lead-store';
import type { SettingsStore } from '../store/settings-store';
import { callerOf, parseBody, sendJson } from './hubspot-fetch-auth';
import { routingCardResponse } from './routing-card-responses';
import { unknownContact } from './unknown-contact';

const contactIdQuery = z.object({ contactId: z.coerce.number().int().positive() });

/** The routing & SLA card's API: who owns the lead, why, the first-touch clock and history; reassign, mark touched, recycle. */
export function routingCardRouter(deps: { db: Db; gateway: HubspotGateway; settings: SettingsStore; logger: Logger; now: () => Date }): Router {
  const router = Router();

  router.get('/api/cards/routing', async (req, res) => {
    const query = contactIdQuery.safeParse(req.query);
    if (!query.success) return sendJson(res, { error: 'contactId is required' }, 400);
    const { portalId, userId } = callerOf(res);
    const routing = await routingView(deps.db, portalId, query.data.contactId, await withRepAvailability(deps.db, portalId, await deps.settings.live(portalId)), deps.now(), userId);
    if (!routing) return sendJson(res, unknownContact(query.data.contactId), 404);
    sendJson(res, { routing }, 200, routingCardResponse);
  });

  router.post('/api/cards/routing/action', async (req, res) => {
    const action = parseBody(cardActionBody, req, res);
    if (!action) return;
    const { portalId, userId } = callerOf(res);
    const live = await withRepAvailability(deps.db, portalId, await deps.settings.live(portalId)); // before the transaction: PGlite has one connection
    const now = deps.now();
    let applied: boolean;
    try {
      // Checked under the contact's lock, in the action's transaction: an action never creates the lead it acts on.
      applied = await deps.db.transaction(async (tx) => {
        if (!(await lockKnownContact(tx, portalId, action.contactId))) return false;
        await applyCardAction(tx, { portalId, live, now, userId }, action);
        return true;
      });
    } catch (error) {
      // A conflict with the lead as it stands is 409; naming something that does not exist is 400.
      if (error instanceof LeadActionError) return sendJson(res, { error: error.message }, error.kind === 'conflict' ? 409 : 400);
      throw error;
    }
    if (!applied) return sendJson(res, unknownContact(action.contactId), 404);
    deps.logger.info({ portalId, contactId: action.contactId, action: action.kind, userId }, 'routing action applied');
    // A hold alert queued by a reassignment to a pool nobody can take goes out now rather than at the next minute.
    await sendQueuedTasks(deps, now).catch((error: unknown) => deps.logger.warn({ portalId, err: error }, 'queued tasks could not be sent yet'));
    sendJson(res, { routing: await routingView(deps.db, portalId, action.contactId, live, now, userId) }, 200, routingCardResponse);
  });

  return router;
}
