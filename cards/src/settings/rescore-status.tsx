import { Alert, Button, LoadingSpinner, ProgressBar, Text } from '@hubspot/ui-extensions';
import type { RescoreWatch } from './use-rescore-progress';

export function RescoreStatus({ watch, onRetry }: { watch: RescoreWatch; onRetry: () => void }) {
  switch (watch.status) {
    case 'idle':
      return null;
    case 'watching':
      return watch.progress && watch.progress.total > 0 ? (
        <ProgressBar
          title="Rescoring contacts with the new settings"
          value={watch.progress.done}
          maxValue={watch.progress.total}
          valueDescription={`${watch.progress.done} of ${watch.progress.total} contacts`}
          testId="rescore-progress"
        />
      ) : (
        <LoadingSpinner label="Waiting for the rescore to start" showLabel size="sm" />
      );
    case 'done':
      return (
        <Alert title="Rescore finished" variant="success" testId="rescore-done">
          All {watch.progress.total} contacts are scored with the live settings.
        </Alert>
      );
    case 'error':
      return (
        <Alert title="Could not follow the rescore" variant="warning" testId="rescore-error">
          <Text>{watch.error.message} The rescore carries on in the background.</Text>
          <Button size="xs" onClick={onRetry}>
            Check again
          </Button>
        </Alert>
      );
  }
}
