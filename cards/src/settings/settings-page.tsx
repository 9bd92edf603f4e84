import { Alert, type ExtensionPointApiContext, Flex } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { ResourceView } from '../shared/resource-view';
import { useResource } from '../shared/use-resource';
import { RescoreStatus } from './rescore-status';
import { SettingsEditor } from './settings-editor';
import { loadSettings } from './settings-api';
import { useRescoreProgress } from './use-rescore-progress';

interface SettingsPageProps {
  context: ExtensionPointApiContext<'settings'>;
  /** How often to ask for rescore progress after publishing. */
  pollIntervalMs?: number;
}

interface Published {
  version: number;
  rolledBackFrom?: number;
}

/** The app's settings page: the live scoring model as an editable draft, its history, and publishing. */
export function SettingsPage({ context, pollIntervalMs = 2000 }: SettingsPageProps) {
  const { state, reload } = useResource(loadSettings, []);
  const rescore = useRescoreProgress(pollIntervalMs);
  const [published, setPublished] = useState<Published | null>(null);

  const onPublished = (version: number, rolledBackFrom?: number) => {
    setPublished({ version, rolledBackFrom });
    reload();
    rescore.start();
  };

  return (
    <Flex direction="column" gap="md">
      {published && (
        <Alert title={`Version ${published.version} is live`} variant="success" testId="published">
          {published.rolledBackFrom === undefined
            ? 'Every contact is being rescored with it in the background.'
            : `It copies version ${published.rolledBackFrom}; every contact is being rescored with it in the background.`}
        </Alert>
      )}
      <RescoreStatus watch={rescore.watch} onRetry={rescore.start} />
      <ResourceView state={state} reload={reload} loadingLabel="Loading settings" errorTitle="The settings could not be loaded">
        {(overview) => <SettingsEditor key={overview.live.version} overview={overview} timeZone={context.portal.timezone} onPublished={onPublished} />}
      </ResourceView>
    </Flex>
  );
}
