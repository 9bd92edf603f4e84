import type { LiveSettings } from '../domain/portal-settings';
import { DateTime } from 'luxon';
import { repCalendar, type SlaEffect } from '../domain/sla';
import type { HubspotGateway } from '../hubspot/gateway';
import type { Logger } from '../log';
import { settleContact } from '../process/settle-contacts';
import { reassignLead } from '../leads/reassign-lead';
import { recycleLead } from '../leads/recycle-lead';
import { advanceSlaClock, closeSlaClock } from '../leads/sla-clocks';
import type { ClockRow } from '../store/sla-clocks';
import { queueTask, sendQueuedTasks } from '../write-back/task-outbox';
import type { Db, Queryable } from '../store/db';
import type { InstallationRepository } from '../store/installations';
import { latestAssignment, lockContact, type ContactRow } from '../store/lead-store';
import { ownerNameOf } from '../store/owners';
import type { SettingsStore } from '../store/settings-store';
import { LOCK_KEYS } from '../store/lock-keys';
import { forEachPortal } from './for-each-portal';
import type { JobDefinition } from './schedule-job';

/**
 * Moves every running first-touch clock forward. The new state, what a breach does (reassign, recycle)
 * and the reminder and escalation tasks are committed together with the contact's rescore (so HubSpot gets
 * the new SLA state and owner); the tasks are sent after the commit. Each effect fires once per clock,
 * however often the sweep runs and whichever instance runs it.
 */
export function slaSweepJob(deps: { db: Db; gateway: HubspotGateway; installations: InstallationRepository; settings: SettingsStore; logger: Logger }): JobDefinition {
  return {
    name: 'sla-sweep',
    schedule: '* * * * *',
    lockKey: LOCK_KEYS.jobs['sla-sweep'],
    async run(now) {
      const counts = { advanced: 0, reminded: 0, breached: 0, met: 0 };
      const failedPortals = await forEachPortal(deps, 'sla-sweep', async (portalId, live) => {
        const sla = live.settings.sla;
        if (!sla) return;
        // Touches move clocks to met as they arrive; the sweep takes the clocks whose reminder or due time has come.
        const running = await deps.db.query<{ contact_id: number }>(
          `SELECT contact_id FROM (
             SELECT DISTINCT ON (contact_id) contact_id, state, due_at, (clock->>'remindAt')::bigint AS remind_at
             FROM sla_clocks WHERE portal_id = $1 ORDER BY contact_id, id DESC
           ) latest
           WHERE (state = 'on_track' AND remind_at <= $3) OR (state IN ('on_track', 'at_risk') AND due_at <= $2) ORDER BY due_at`,
          [portalId, now, now.getTime()],
        );
        for (const { contact_id: contactId } of running) {
          await deps.db.transaction(async (tx) => {
            const contact = await lockContact(tx, portalId, contactId);
            if (contact.status !== 'sql') {
              // Handed back before the sweep saw it: the clock stops without a breach.
              await closeSlaClock(tx, portalId, contactId, 'recycled', now);
              await settleContact(tx, { portalId, live, now }, contactId);
              return;
            }
            const advanced = await advanceSlaClock(tx, portalId, contactId, { routing: live.settings.routing, sla }, now);
            if (!advanced) return;
            for (const effect of advanced.effects) counts[effect.kind === 'remind' ? 'reminded' : 'breached'] += 1;
            if (advanced.row.clock.state === 'met') counts.met += 1;
            await applyEffects(tx, contact, live, advanced.row, advanced.effects, now);
            await settleContact(tx, { portalId, live, now }, contactId);
          });
          counts.advanced += 1;
        }
      });
      const tasks = await sendQueuedTasks(deps, now);
      return { ...counts, failedPortals, tasksSent: tasks.sent };
    },
  };
}

/** "Mon 23 Nov 2026, 14:00 (America/New_York)": a due time as the rep reads it. */
function localTime(at: number, timeZone: string): string {
  return `${DateTime.fromMillis(at, { zone: timeZone }).toFormat('ccc d LLL yyyy, HH:mm')} (${timeZone})`;
}

/** What the clock's effects do to the lead, in the transaction: tasks queued, the lead reassigned or recycled. */
async function applyEffects(tx: Queryable, contact: ContactRow, live: LiveSettings, row: ClockRow, effects: SlaEffect[], now: Date): Promise<void> {
  const { portal_id: portalId, contact_id: contactId } = contact;
  const sla = live.settings.sla!;
  const due = localTime(row.clock.dueAt, repCalendar({ routing: live.settings.routing, sla }, row.owner_id).timeZone);
  const owner = await ownerNameOf(tx, portalId, row.owner_id);
  for (const effect of effects) {
    if (effect.kind === 'remind') {
      await queueTask(
        tx,
        portalId,
        {
          contactId,
          dedupeKey: `sla:${row.id}:remind`,
          ownerId: effect.ownerId,
          subject: 'Reminder: first touch due soon',
          body: `Call, email, meet or note this lead before ${due}: that is when its first-touch SLA (${row.clock.policyId}) runs out.`,
          dueAt: new Date(row.clock.dueAt),
        },
        now,
      );
    } else if (effect.action === 'escalate') {
      const pool = live.settings.routing?.pools.find((p) => p.id === row.pool_id);
      await queueTask(
        tx,
        portalId,
        {
          contactId,
          dedupeKey: `sla:${row.id}:escalate`,
          ownerId: pool?.managerOwnerId ?? effect.ownerId,
          subject: 'Escalation: first-touch SLA breached',
          body: `${owner} did not touch this lead by ${due} (first-touch SLA ${row.clock.policyId}). It is still theirs: follow up with them or reassign it.`,
        },
        now,
      );
    } else if (effect.action === 'reassign') {
      await reassignLead(tx, { portalId, live, now }, contact, await latestAssignment(tx, portalId, contactId), {
        to: 'rules',
        ruleId: 'sla',
        reason: () => 'first-touch SLA lapsed',
        excluded: { [effect.ownerId]: 'let the first-touch SLA lapse' },
      });
    } else if (effect.action === 'recycle') {
      const reason = `first-touch SLA breached by ${owner} (due ${due})`;
      await recycleLead(tx, portalId, contactId, { by: 'system:sla', reason, now, ...(effect.clearOwner ? { release: { poolId: row.pool_id, ruleId: 'sla', reason } } : {}) });
    }
  }
}
