import type { LiveSettings } from '../domain/portal-settings';
import type { SlaEffect } from '../domain/sla';
import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import { rescoreContact } from '../pipeline/process-contact';
import { routeSalesReadyLead, routingLeadOf } from '../pipeline/route-sales-ready';
import { advanceSlaClock, type ClockRow } from '../pipeline/sla-clocks';
import type { Db, Queryable } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { lockContact, type ContactRow } from '../store/lead-store';
import type { SettingsStore } from '../store/settings-store';
import type { JobDefinition } from './schedule-job';

const TASK_TO_CONTACT = 204; // HubSpot-defined association: task → contact

interface Task {
  ownerId: string;
  subject: string;
  body: string;
}

/**
 * Moves every open first-touch clock forward. The state change, and a breach's reassign or recycle, commit
 * with the contact's rescore (so HubSpot gets the new SLA state and owner); reminder and escalation tasks go
 * to HubSpot after that commit. Each effect fires once per clock however often the sweep runs.
 */
export function slaSweepJob(deps: {
  db: Db;
  gateway: HubspotGateway;
  installations: InstallationRepository;
  settings: SettingsStore;
  logger: Logger;
}): JobDefinition {
  return {
    name: 'sla-sweep',
    schedule: '* * * * *',
    lockKey: 7_041_014,
    async run(now) {
      const counts = { advanced: 0, reminded: 0, breached: 0, met: 0 };
      for (const portalId of await deps.installations.activePortals()) {
        const live = await deps.settings.live(portalId);
        const sla = live.settings.sla;
        if (!sla) continue;
        const open = await deps.db.query<{ contact_id: number }>(
          `SELECT contact_id FROM (
             SELECT DISTINCT ON (contact_id) contact_id, state, due_at FROM sla_clocks WHERE portal_id = $1 ORDER BY contact_id, id DESC
           ) latest WHERE state IN ('on_track', 'at_risk') ORDER BY due_at`,
          [portalId],
        );
        for (const { contact_id: contactId } of open) {
          const tasks = await deps.db.transaction(async (tx) => {
            const contact = await lockContact(tx, portalId, contactId);
            const advanced = await advanceSlaClock(tx, portalId, contactId, sla, now);
            if (!advanced) return [];
            const due = await applyEffects(tx, contact, live, advanced.row, advanced.effects, now);
            await rescoreContact(tx, { portalId, live, now }, contactId);
            if (advanced.row.clock.state === 'met') counts.met += 1;
            return due;
          });
          counts.advanced += 1;
          for (const task of tasks) {
            if (task.subject.startsWith('Reminder')) counts.reminded += 1;
            else counts.breached += 1;
            await deps.gateway
              .forPortal(portalId)
              .tasks.create({
                properties: {
                  hs_task_subject: task.subject,
                  hs_task_body: task.body,
                  hs_timestamp: now.toISOString(),
                  hubspot_owner_id: task.ownerId,
                  hs_task_status: 'NOT_STARTED',
                  hs_task_priority: 'HIGH',
                },
                associations: [{ toObjectId: String(contactId), associationTypeId: TASK_TO_CONTACT }],
              })
              .catch((error: unknown) => deps.logger.error({ portalId, contactId, err: error, task: task.subject }, 'SLA task could not be created'));
          }
        }
      }
      return counts;
    },
  };
}

/** Breach handling that changes the lead (reassign, recycle) happens here, in the transaction; tasks are returned. */
async function applyEffects(
  tx: Queryable,
  contact: ContactRow,
  live: LiveSettings,
  row: ClockRow,
  effects: SlaEffect[],
  now: Date,
): Promise<Task[]> {
  const { portal_id: portalId, contact_id: contactId } = contact;
  const tasks: Task[] = [];
  const due = new Date(row.clock.dueAt).toISOString();
  for (const effect of effects) {
    if (effect.kind === 'remind') {
      tasks.push({ ownerId: effect.ownerId, subject: 'Reminder: first touch due soon', body: `Contact this lead before ${due} (first-touch SLA).` });
      continue;
    }
    if (effect.action === 'escalate') {
      const pool = live.settings.routing?.pools.find((p) => p.id === row.pool_id);
      tasks.push({
        ownerId: pool?.managerOwnerId ?? effect.ownerId,
        subject: 'Escalation: first-touch SLA breached',
        body: `Owner ${effect.ownerId} did not touch this lead by ${due}.`,
      });
    } else if (effect.action === 'reassign') {
      await routeSalesReadyLead(tx, portalId, live, routingLeadOf(contact), now, effect.ownerId);
    } else if (effect.action === 'recycle') {
      const reason = `first-touch SLA breached by owner ${effect.ownerId} (due ${due})`;
      await tx.query(
        `INSERT INTO lead_decisions (portal_id, contact_id, kind, decided_at, decided_by, reason) VALUES ($1, $2, 'recycle', $3, 'system:sla', $4)`,
        [portalId, contactId, now, reason],
      );
      if (effect.clearOwner) {
        await tx.query(
          `INSERT INTO assignments (portal_id, contact_id, kind, owner_id, pool_id, rule_id, reason, decided_at) VALUES ($1, $2, 'released', NULL, $3, 'sla', $4, $5)`,
          [portalId, contactId, row.pool_id, reason, now],
        );
      }
    }
  }
  return tasks;
}
