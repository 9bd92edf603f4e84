import { Alert, Button, Flex, Heading, LoadingSpinner, MultiSelect, Text } from '@hubspot/ui-extensions';
import { useResource } from '../shared/use-resource';
import { useDraft } from './draft-context';
import { pathKey } from './draft-path';
import { editorOptions } from './editor-options';
import { loadOwners } from './routing-settings-api';

const EDITORS = ['access', 'editors'];

/** Who besides the installer and the super admins may publish and roll back: chosen among the portal's owners' users. */
export function EditorsSection() {
  const { draft, readOnly, update, issueAt } = useDraft();
  const owners = useResource(loadOwners, []);
  const editors = draft.access?.editors ?? [];
  const issue = [issueAt(EDITORS), ...editors.map((_, index) => issueAt([...EDITORS, index]))].filter((message) => message !== undefined).join(' ');
  return (
    <Flex direction="column" gap="sm">
      <Heading>Who may publish</Heading>
      <Text variant="microcopy">
        The user who installed Lead Manager and the portal’s super admins can always publish and roll back. The editors listed here can too, once
        this list is published; everyone else sees the settings read-only.
      </Text>
      {owners.state.status === 'loading' && <LoadingSpinner label="Loading the portal’s users" size="xs" />}
      {owners.state.status === 'error' && (
        <Alert title="The portal’s users could not be loaded" variant="warning" testId="editors-owners-error">
          Editors show as user ids until they load. {owners.state.error.message}{' '}
          <Button size="xs" onClick={owners.reload} testId="editors-owners-retry">
            Try again
          </Button>
        </Alert>
      )}
      <MultiSelect
        name={pathKey(EDITORS)}
        label="Editors"
        description="Users who may publish and roll back these settings."
        readOnly={readOnly}
        value={editors}
        options={editorOptions(owners.state.status === 'success' ? owners.state.data : [], editors)}
        error={issue !== ''}
        validationMessage={issue || undefined}
        onChange={(next) => update(['access'], next.length === 0 ? undefined : { editors: next.map(Number) })}
      />
    </Flex>
  );
}
