import { createRenderer } from '@hubspot/ui-extensions/testing';
import { afterEach, beforeEach, vi } from 'vitest';
import { RoutingSlaCard } from '../../src/routing-sla/routing-sla-card';
import { AS_OF } from '../support/routing-fixtures';

export const ROUTING = 'GET /api/cards/routing';
export const ACTION = 'POST /api/cards/routing/action';

export function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<RoutingSlaCard context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  return renderer;
}

/**
 * Puts the wall clock at the fixtures' `asOf` for each test. With `timers`, the card's intervals run
 * on the fake clock too (advance them with vi.advanceTimersByTime); setTimeout stays real, so
 * waitFor and settle work as usual.
 */
export function startClockAtAsOf({ timers = false }: { timers?: boolean } = {}) {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: timers ? ['Date', 'setInterval', 'clearInterval'] : ['Date'] });
    vi.setSystemTime(AS_OF);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
