import { useCallback, useEffect, useRef } from 'react';

/**
 * Hands out a ticket per request; only the latest ticket stays current, and none after unmount.
 * A response that comes back for an older ticket is stale and must be dropped.
 */
export function useRequestGuard(): () => { isCurrent: () => boolean } {
  const latest = useRef(0);
  useEffect(() => {
    const ticketsAtMount = latest;
    return () => {
      ticketsAtMount.current += 1;
    };
  }, []);
  return useCallback(() => {
    const ticket = ++latest.current;
    return { isCurrent: () => ticket === latest.current };
  }, []);
}
