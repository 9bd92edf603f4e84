import { Flex, Heading, Text } from '@hubspot/ui-extensions';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../shared/format';
import type { SlaClock } from './routing-types';
import { describeRemaining, isRunning, remainingMinutesAt } from './sla-countdown';
import { SlaStateTag } from './sla-state-tag';

const TICK_MS = 30_000;

interface SlaSectionProps {
  sla: SlaClock | null;
  asOf: string;
  /** The portal's time zone, in which times are shown. */
  timeZone: string;
  /** Called when the local countdown reaches zero, so the card can ask the service what happened. */
  onDue: () => void;
}

/** The first-touch clock: its state, when it is due, and a countdown that moves while business time runs. */
export function SlaSection({ sla, asOf, timeZone, onDue }: SlaSectionProps) {
  return (
    <Flex direction="column" gap="xs">
      <Heading>First-touch SLA</Heading>
      {sla ? (
        <SlaDetails sla={sla} asOf={asOf} timeZone={timeZone} onDue={onDue} />
      ) : (
        <Text variant="microcopy" testId="no-sla">
          No first-touch clock runs for this lead.
        </Text>
      )}
    </Flex>
  );
}

function SlaDetails({ sla, asOf, timeZone, onDue }: { sla: SlaClock; asOf: string; timeZone: string; onDue: () => void }) {
  return (
    <>
      <Flex direction="row" gap="xs" align="center">
        <SlaStateTag state={sla.state} />
        <Text variant="microcopy">{sla.policyLabel ?? sla.policyId}</Text>
      </Flex>
      {isRunning(sla) ? (
        <Countdown sla={sla} asOf={asOf} onDue={onDue} />
      ) : (
        <Text testId="sla-countdown">{stoppedText(sla, timeZone)}</Text>
      )}
      <Text variant="microcopy" testId="sla-due">
        Due {formatDateTime(sla.dueAt, timeZone)} · business hours of {calendarText(sla)}
      </Text>
      {sla.breachedAt && <Text variant="microcopy">Breached {formatDateTime(sla.breachedAt, timeZone)}</Text>}
    </>
  );
}

/** Whose hours the clock counts, and in which zone. */
export function calendarText({ calendarSource, timeZone }: Pick<SlaClock, 'calendarSource' | 'timeZone'>): string {
  if (calendarSource === 'hubspot') return `the rep’s working hours in HubSpot (${timeZone})`;
  if (calendarSource === 'override') return `the rep’s calendar (${timeZone}, override)`;
  if (calendarSource === 'default_calendar') return `the default calendar (${timeZone})`;
  return `the rep’s calendar (${timeZone})`;
}

function stoppedText(sla: SlaClock, timeZone: string): string {
  if (sla.state === 'met') return sla.firstTouchAt ? `Met at ${formatDateTime(sla.firstTouchAt, timeZone)}` : 'Met';
  return sla.state === 'reassigned' ? 'Clock stopped: the lead was reassigned.' : 'Clock stopped: the lead went back to marketing.';
}

function Countdown({ sla, asOf, onDue }: { sla: SlaClock; asOf: string; onDue: () => void }) {
  const moving = sla.ticking || sla.remainingBusinessMinutes <= 0;
  const now = useNow(moving, asOf);
  const remaining = remainingMinutesAt(sla, asOf, now);

  // Only a tick that takes this answer's countdown past zero asks again, never a fresh answer that is already overdue.
  const previous = useRef<{ asOf: string; remaining: number } | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = { asOf, remaining };
    if (before?.asOf === asOf && before.remaining > 0 && remaining <= 0) onDue();
  }, [asOf, remaining, onDue]);

  const paused = !sla.ticking && remaining > 0;
  return (
    <Text format={{ fontWeight: 'demibold' }} testId="sla-countdown">
      {describeRemaining(remaining)}
      {paused && ' · paused outside business hours'}
    </Text>
  );
}

/** The wall clock, re-read every 30 s while `running`; restarts with each answer (`since`). */
function useNow(running: boolean, since: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running, since]);
  return now;
}
