import { Router } from 'express';
import { withRepAvailability } from '../leads/effective-settings';
import { z } from 'zod';
import type { Logger } from '../log';
import { leadView } from './lead-view';
import type { HubspotGateway } from '../hubspot/gateway';
import { settleContact } from '../process/settle-contacts';
import { routeWaitingLeads } from '../leads/route-waiting-leads';
import { recordAudit } from '../store/audit-log';
import type { Db } from '../store/db';
import { lockKnownContact } from '../store/lead-store';
import type { SettingsStore } from '../store/settings-store';
import { leadResponse } from './api-responses';
import { callerOf, parseBody, sendJson } from './hubspot-fetch-auth';
import { unknownContact } from './unknown-contact';

const contactIdQuery = z.object({ contactId: z.coerce.number().int().positive() });
const decisionBody = z
  .object({
    contactId: z.number().int().positive(),
    kind: z.enum(['accept', 'recycle', 'disqualify']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((body) => body.kind === 'accept' || (body.reason ?? '') !== '', { message: 'a reason is required', path: ['reason'] });

/** The lead-score card's API: the lead and why, and a rep's accept / recycle / disqualify. */
export function cardsRouter(deps: { db: Db; gateway: HubspotGateway; settings: SettingsStore; logger: Logger; now: () => Date }): Router {
  const router = Router();

  router.get('/api/cards/lead-score', async (req, res) => {
    const query = contactIdQuery.safeParse(req.query);
    if (!query.success) return sendJson(res, { error: 'contactId is required' }, 400);
    const { portalId } = callerOf(res);
    const lead = await leadView(deps.db, portalId, query.data.contactId, await deps.settings.live(portalId), deps.now());
    if (!lead) return sendJson(res, unknownContact(query.data.contactId), 404);
    sendJson(res, { lead }, 200, leadResponse);
  });

  router.post('/api/cards/lead-score/decision', async (req, res) => {
    const body = parseBody(decisionBody, req, res);
    if (!body) return;
    const { portalId, userId } = callerOf(res);
    const live = await withRepAvailability(deps.db, portalId, await deps.settings.live(portalId));
    const now = deps.now();
    const by = `user:${userId}`;
    // A decision on a contact the portal has no lead for would create one from nothing (a client's typo, another portal's id).
    const outcome = await deps.db.transaction(async (tx) => {
      if (!(await lockKnownContact(tx, portalId, body.contactId))) return undefined;
      await tx.query(
        'INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by, reason) VALUES ($1, $2, $3, $4, $5, $6)',
        [portalId, body.contactId, body.kind, now, by, body.reason ?? null],
      );
      await recordAudit(tx, { portalId, actor: by, action: `lead.${body.kind}`, detail: { contactId: body.contactId, reason: body.reason }, at: now });
      return settleContact(tx, { portalId, live, now }, body.contactId);
    });
    if (!outcome) return sendJson(res, unknownContact(body.contactId), 404);
    deps.logger.info({ portalId, contactId: body.contactId, decision: body.kind, userId, status: outcome.status }, 'lead decision recorded');
    // An accepted lead that waits for its company's owner is routed now (the hold queue would otherwise within a minute).
    if (outcome.awaitingRouting) await routeWaitingLeads(deps, portalId, live, [body.contactId], now);
    sendJson(res, { lead: await leadView(deps.db, portalId, body.contactId, live, now) }, 200, leadResponse);
  });

  return router;
}
