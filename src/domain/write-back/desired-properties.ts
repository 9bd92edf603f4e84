import type { WriteBackSettings } from './write-back-settings';

export interface ScoredLead {
  status: string;
  total: number;
  fit: number;
  engagement: number;
  grade: string;
  reasons: string;
}

/**
 * The HubSpot property values a scored lead should have. Scores are integers and never empty.
 * `lifecyclestage` only ever moves forward along the portal's order (its own stages as read from HubSpot,
 * `portalStages`; the settings' order until they have been read), and only to its MQL/SQL stage.
 */
export function desiredProperties(
  lead: ScoredLead,
  currentLifecycleStage: string | undefined,
  writeBack: WriteBackSettings,
  portalStages?: readonly string[],
): Record<string, string> {
  const properties: Record<string, string> = {
    lm_score: String(Math.round(lead.total)),
    lm_engagement_score: String(Math.round(lead.engagement)),
    lm_fit_score: String(Math.round(lead.fit)),
    lm_fit_grade: lead.grade,
    lm_status: lead.status,
    lm_score_reasons: lead.reasons,
  };
  const stage = writeBack.lifecycleStage;
  const target = lead.status === 'sql' ? stage.sqlStage : lead.status === 'mql' ? stage.mqlStage : undefined;
  if (stage.enabled && target !== undefined) {
    const order = portalStages ?? stage.order;
    const from = currentLifecycleStage ? order.indexOf(currentLifecycleStage) : -1;
    // An unknown current stage (one not in the order) is left alone: we cannot tell forward from back.
    const known = !currentLifecycleStage || from >= 0;
    if (known && order.indexOf(target) > from) properties.lifecyclestage = target;
  }
  const leadStatus = writeBack.leadStatus.values[lead.status as keyof WriteBackSettings['leadStatus']['values']];
  if (writeBack.leadStatus.enabled && leadStatus) properties.hs_lead_status = leadStatus;
  return properties;
}

/** The properties whose desired value differs from what was last written. */
export function changedProperties(desired: Record<string, string>, written: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(desired).filter(([name, value]) => written[name] !== value));
}

/** The routing properties of a lead's latest decision: the owner HubSpot shows, and how they were chosen. */
export function assignmentProperties(
  decision: { kind: 'assigned' | 'held' | 'released'; owner_id: string | null; pool_id: string | null; reason: string; decided_at: Date } | undefined,
): Record<string, string> {
  if (!decision) return {};
  const reason = decision.reason.length > 500 ? `${decision.reason.slice(0, 499)}\u2026` : decision.reason;
  if (decision.kind === 'held') return { lm_routing_pool: decision.pool_id ?? '', lm_routing_reason: `On hold: ${reason}` };
  if (decision.kind === 'released') return { hubspot_owner_id: '', lm_routing_pool: '', lm_routing_reason: `Released: ${reason}` };
  return {
    hubspot_owner_id: decision.owner_id ?? '',
    lm_routing_pool: decision.pool_id ?? '',
    lm_routing_reason: reason,
    lm_assigned_at: decision.decided_at.toISOString(),
  };
}

/** The first-touch SLA properties of a lead's current clock. */
export function slaProperties(clock: { dueAt: number; state: string } | undefined): Record<string, string> {
  return clock ? { lm_sla_due_at: new Date(clock.dueAt).toISOString(), lm_sla_state: clock.state } : {};
}
