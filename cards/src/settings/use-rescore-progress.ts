import { useCallback, useEffect, useRef, useState } from 'react';
import { toError } from '../shared/call-api';
import type { RescoreProgress } from '../shared/types';
import { useRequestGuard } from '../shared/use-request-guard';
import { loadRescoreProgress } from './settings-api';

export type RescoreWatch =
  | { status: 'idle' }
  | { status: 'watching'; progress: RescoreProgress | null }
  | { status: 'done'; progress: RescoreProgress }
  | { status: 'error'; error: Error };

/**
 * Follows the background rescore a publish starts, polling every `intervalMs` until the service
 * says it is done ("idle" right after a publish means it has not started yet).
 */
export function useRescoreProgress(intervalMs: number): { watch: RescoreWatch; start: () => void } {
  const [watch, setWatch] = useState<RescoreWatch>({ status: 'idle' });
  const startRequest = useRequestGuard();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const start = useCallback(() => {
    clearTimeout(timer.current);
    const request = startRequest();
    const poll = () =>
      loadRescoreProgress().then(
        (progress) => {
          if (!request.isCurrent()) return;
          if (progress.state === 'done') return setWatch({ status: 'done', progress });
          setWatch({ status: 'watching', progress });
          timer.current = setTimeout(poll, intervalMs);
        },
        (error: unknown) => request.isCurrent() && setWatch({ status: 'error', error: toError(error) }),
      );
    setWatch({ status: 'watching', progress: null });
    void poll();
  }, [intervalMs, startRequest]);

  return { watch, start };
}
