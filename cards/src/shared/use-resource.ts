import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { toError } from './call-api';
import { useRequestGuard } from './use-request-guard';

export type Resource<T> = { status: 'loading' } | { status: 'success'; data: T } | { status: 'error'; error: Error };

/**
 * Loads data when `deps` change and on `reload()`. Only the latest request may settle the state,
 * so a slow earlier response never overwrites a newer one.
 */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): { state: Resource<T>; reload: () => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const startRequest = useRequestGuard();
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const request = startRequest();
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => request.isCurrent() && setState({ status: 'success', data }),
      (error: unknown) => request.isCurrent() && setState({ status: 'error', error: toError(error) }),
    );
  }, [startRequest]);

  // The caller names what `load` depends on; `load` itself is read through a ref.
  useEffect(reload, deps);

  return { state, reload };
}
