import { Button, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { Resource } from './use-resource';

interface ResourceViewProps<T> {
  state: Resource<T>;
  reload: () => void;
  loadingLabel: string;
  errorTitle: string;
  children: (data: T) => ReactNode;
}

/** The loading and error faces every extension shares; `children` renders the data. */
export function ResourceView<T>({ state, reload, loadingLabel, errorTitle, children }: ResourceViewProps<T>) {
  switch (state.status) {
    case 'loading':
      return <LoadingSpinner label={loadingLabel} showLabel layout="centered" />;
    case 'error':
      return (
        <ErrorState title={errorTitle}>
          <Text>{state.error.message}</Text>
          <Button onClick={reload} testId="retry">
            Try again
          </Button>
        </ErrorState>
      );
    case 'success':
      return <>{children(state.data)}</>;
  }
}
