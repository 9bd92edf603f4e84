import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { toError } from './call-api';
import { useRequestGuard } from './use-request-guard';

export type Resource<T> = { status: 'loading' } | { status: 'success'; data: T } | { status: 'error'; error: Error };

export interface ResourceHandle<T> {
  state: Resource<T>;
  /** Loads again, showing the loading state (a retry). */
  reload: () => void;
  /** Loads again behind the data already shown; a failure keeps showing it. */
  refresh: () => void;
  /** Shows data the caller already has (e.g. an action's answer); loads still in flight are dropped. */
  replace: (data: T) => void;
}

/**
 * Loads data when `deps` change and on `reload()`; for data that changes while it is on screen it also
 * refreshes silently and takes data from elsewhere. Only the latest request or replacement settles the
 * state, so a slow earlier response never overwrites a newer one.
 */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): ResourceHandle<T> {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const startRequest = useRequestGuard();
  const loadRef = useRef(load);
  loadRef.current = load;
  const statusRef = useRef(state.status);
  statusRef.current = state.status;

  const reload = useCallback(() => {
    const request = startRequest();
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => request.isCurrent() && setState({ status: 'success', data }),
      (error: unknown) => request.isCurrent() && setState({ status: 'error', error: toError(error) }),
    );
  }, [startRequest]);

  const refresh = useCallback(() => {
    // A load already under way answers soon, and a failed refresh must not leave the spinner up.
    if (statusRef.current === 'loading') return;
    const request = startRequest();
    loadRef.current().then(
      (data) => request.isCurrent() && setState({ status: 'success', data }),
      () => undefined,
    );
  }, [startRequest]);

  const replace = useCallback(
    (data: T) => {
      startRequest();
      setState({ status: 'success', data });
    },
    [startRequest],
  );

  // The caller names what `load` depends on; `load` itself is read through a ref.
  useEffect(reload, deps);

  return { state, reload, refresh, replace };
}
