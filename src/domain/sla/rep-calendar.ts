import type { BusinessCalendar } from '../calendar';
import type { RoutingSettings } from '../routing';
import type { SlaSettings } from './sla-settings';

/** The settings a rep's calendar is read from. */
export interface RepCalendarSettings {
  routing?: RoutingSettings | undefined;
  sla: SlaSettings;
}

/** The business calendar a rep's SLA clock runs in: the one set for them under routing, else the SLA default. */
export function repCalendar(settings: RepCalendarSettings, ownerId: string): BusinessCalendar {
  return settings.routing?.reps[ownerId]?.calendar ?? settings.sla.defaultCalendar;
}
