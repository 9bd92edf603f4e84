import { Router } from 'express';
import { z } from 'zod';
import type { SourcedAvailability } from '../domain/availability';
import type { HubspotGateway } from '../hubspot/gateway';
import { withRepAvailability } from '../leads/effective-settings';
import { NO_USERS_SCOPE, syncRepAvailability } from '../leads/sync-rep-availability';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { listOwners } from '../store/owners';
import { availabilityReadStatus } from '../store/rep-availability';
import type { SettingsStore } from '../store/settings-store';
import { callerOf, sendJson } from './hubspot-fetch-auth';

const isoTime = z.string().datetime({ offset: true });
const SOURCES = ['hubspot', 'override', 'default_calendar', 'settings'] as const;

/** What the settings page shows of reps' availability: where it was read from, when, and which source decides for each rep. */
export const repAvailabilityResponse = z.object({
  /** 'hubspot': read from HubSpot's users; 'settings': the portal did not grant the scope (or was never read), so the settings decide. */
  source: z.enum(['hubspot', 'settings']),
  /** A sentence for the page: when it was read, or why it is not. */
  message: z.string(),
  readAt: isoTime.nullable(),
  lastAttempt: z.object({ outcome: z.enum(['read', 'scope_not_granted', 'failed']), at: isoTime, detail: z.string().nullable() }).nullable(),
  reps: z.array(
    z.object({
      ownerId: z.string(),
      name: z.string(),
      /** Who says when the rep is away or out of office, and whose working hours count. */
      source: z.enum(SOURCES),
      calendarSource: z.enum(SOURCES),
      timeZone: z.string(),
      away: z.boolean(),
    }),
  ),
  /** What could not be read of a rep's HubSpot record (the rep then uses what could, else the default calendar). */
  problems: z.array(z.object({ ownerId: z.string(), problems: z.array(z.string()) })).optional(),
});

export interface RepAvailabilityRouterDeps {
  db: Db;
  gateway: Pick<HubspotGateway, 'forPortal'>;
  installations: Pick<InstallationRepository, 'get'>;
  settings: SettingsStore;
  logger: Logger;
  now: () => Date;
}

/** Reps' availability for the settings page: `GET` what decides now, `POST …/refresh-availability` to read HubSpot's users again. */
export function repAvailabilityRouter(deps: RepAvailabilityRouterDeps): Router {
  const router = Router();

  const answer = async (portalId: number, problems?: Array<{ ownerId: string; problems: string[] }>) => {
    const status = await availabilityReadStatus(deps.db, portalId);
    const live = await withRepAvailability(deps.db, portalId, await deps.settings.live(portalId));
    const owners = new Map((await listOwners(deps.db, portalId)).map((owner) => [owner.ownerId, owner.name]));
    const reps = Object.entries((live.settings.routing?.reps ?? {}) as Record<string, SourcedAvailability>)
      .map(([ownerId, rep]) => ({
        ownerId,
        name: owners.get(ownerId) ?? `Owner ${ownerId}`,
        source: rep.source ?? 'settings',
        calendarSource: rep.calendarSource ?? 'settings',
        timeZone: rep.calendar.timeZone,
        away: rep.away,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.ownerId.localeCompare(b.ownerId));
    const readAt = status?.readAt ?? null;
    const message = readAt
      ? `Read from HubSpot's users at ${readAt.toISOString()}; overrides in the settings win.${status?.outcome === 'failed' ? ` The latest read failed: ${status.detail ?? ''}` : ''}`
      : status?.outcome === 'failed'
        ? (status.detail ?? 'HubSpot could not be read.')
        : NO_USERS_SCOPE;
    return {
      source: readAt ? ('hubspot' as const) : ('settings' as const),
      message,
      readAt: readAt?.toISOString() ?? null,
      lastAttempt: status ? { outcome: status.outcome, at: status.attemptedAt.toISOString(), detail: status.detail } : null,
      reps,
      ...(problems ? { problems } : {}),
    };
  };

  router.get('/api/settings/reps/availability', async (_req, res) => {
    const { portalId } = callerOf(res);
    sendJson(res, await answer(portalId), 200, repAvailabilityResponse);
  });

  router.post('/api/settings/reps/refresh-availability', async (_req, res) => {
    const { portalId, userId } = callerOf(res);
    const result = await syncRepAvailability(deps, portalId, deps.now());
    if (result.outcome === 'failed') {
      deps.logger.warn({ portalId, userId, err: result.error }, 'reps\u2019 availability could not be read from HubSpot on request');
      return sendJson(res, { error: result.detail }, 502);
    }
    deps.logger.info({ portalId, userId, outcome: result.outcome }, 'reps\u2019 availability read on request');
    sendJson(res, await answer(portalId, result.outcome === 'read' ? result.problems : undefined), 200, repAvailabilityResponse);
  });

  return router;
}
