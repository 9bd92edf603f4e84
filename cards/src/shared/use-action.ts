import { useCallback, useState } from 'react';
import { toError } from './call-api';
import { useRequestGuard } from './use-request-guard';

export type ActionState<T> =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'success'; data: T }
  | { status: 'error'; error: Error };

/**
 * Runs a user action (a POST) and keeps its outcome. Starting it again supersedes the earlier run:
 * a late answer to the earlier run neither changes the state nor reaches the caller.
 */
export function useAction<A extends unknown[], T>(
  act: (...args: A) => Promise<T>,
): { state: ActionState<T>; run: (...args: A) => Promise<T | undefined>; reset: () => void } {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' });
  const startRequest = useRequestGuard();

  const run = useCallback(
    async (...args: A) => {
      const request = startRequest();
      setState({ status: 'running' });
      try {
        const data = await act(...args);
        if (!request.isCurrent()) return undefined;
        setState({ status: 'success', data });
        return data;
      } catch (error) {
        if (request.isCurrent()) setState({ status: 'error', error: toError(error) });
        return undefined;
      }
    },
    [act, startRequest],
  );

  const reset = useCallback(() => {
    startRequest();
    setState({ status: 'idle' });
  }, [startRequest]);

  return { state, run, reset };
}
