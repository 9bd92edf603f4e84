import { Alert, Button, Flex, Heading, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { RoutingSettings } from '../shared/types';
import { useResource } from '../shared/use-resource';
import { useDraft } from './draft-context';
import { EditButton } from './edit-button';
import { SelectField, ToggleField } from './fields';
import { PoolsSection } from './pools-section';
import { RepsSection } from './reps-section';
import { RoutingPreviewPanel } from './routing-preview-panel';
import { RoutingRulesSection } from './routing-rules-section';
import { loadOwners } from './routing-settings-api';
import { starterRouting } from './starters';

/** Who gets a lead when it becomes sales-ready; off until turned on (then one pool that takes every lead). */
export function RoutingSection({ timeZone }: { timeZone: string }) {
  const { draft, update } = useDraft();
  if (draft.routing) return <RoutingEditor routing={draft.routing} timeZone={timeZone} />;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Routing</Heading>
      <Text>Routing is off: sales-ready leads are scored and qualified, but nobody is assigned to them.</Text>
      <EditButton variant="primary" onClick={() => update(['routing'], starterRouting())} testId="enable-routing">
        Turn on routing
      </EditButton>
    </Flex>
  );
}

function RoutingEditor({ routing, timeZone }: { routing: RoutingSettings; timeZone: string }) {
  const { update } = useDraft();
  const owners = useResource(loadOwners, []);
  const list = owners.state.status === 'success' ? owners.state.data : [];
  return (
    <Flex direction="column" gap="md">
      <Heading>Routing</Heading>
      <Text variant="microcopy">
        A sales-ready lead goes to its company’s owner (when turned on and available), else to the pool of the first rule that matches, else to the
        default pool. When nobody in that pool can take it, it waits in the hold queue and the pool’s manager is alerted.
      </Text>
      {owners.state.status === 'loading' && <LoadingSpinner label="Loading the portal’s owners" size="xs" />}
      {owners.state.status === 'error' && (
        <Alert title="The owners could not be loaded" variant="warning" testId="owners-error">
          Owners show as ids and cannot be added until they load. {owners.state.error.message}{' '}
          <Button size="xs" onClick={owners.reload} testId="owners-retry">
            Try again
          </Button>
        </Alert>
      )}
      <ToggleField path={['routing', 'useCompanyOwner']} label="Give the lead to its company’s owner first" />
      <RoutingRulesSection routing={routing} />
      <SelectField
        path={['routing', 'defaultPool']}
        label="Default pool"
        description="Where leads go when no rule matches."
        options={routing.pools.map((pool) => ({ label: pool.label, value: pool.id }))}
      />
      <PoolsSection routing={routing} owners={list} timeZone={timeZone} />
      <RepsSection routing={routing} owners={list} timeZone={timeZone} />
      <RoutingPreviewPanel owners={list} timeZone={timeZone} />
      <EditButton variant="destructive" onClick={() => update(['routing'], undefined)} testId="disable-routing">
        Turn off routing
      </EditButton>
    </Flex>
  );
}
