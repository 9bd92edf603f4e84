import { Flex, Heading, Text } from '@hubspot/ui-extensions';
import { statusLabel } from '../shared/format';
import { LEAD_STATUSES } from '../shared/types';
import { useDraft } from './draft-context';
import { TextField, ToggleField } from './fields';

/** What the app writes to HubSpot's own properties besides its lm_* properties. */
export function WriteBackSection() {
  const { writeBack } = useDraft().draft;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Write-back to HubSpot</Heading>
      <ToggleField path={['writeBack', 'lifecycleStage', 'enabled']} label="Move the lifecycle stage forward at MQL and SQL" />
      {writeBack.lifecycleStage.enabled && (
        <Flex direction="row" gap="sm" wrap>
          <TextField path={['writeBack', 'lifecycleStage', 'mqlStage']} label="Stage for MQL" />
          <TextField path={['writeBack', 'lifecycleStage', 'sqlStage']} label="Stage for SQL" />
        </Flex>
      )}
      <ToggleField path={['writeBack', 'leadStatus', 'enabled']} label="Set the lead status" />
      {writeBack.leadStatus.enabled && (
        <>
          <Text variant="microcopy">hs_lead_status value per qualification status; leave empty to leave it alone.</Text>
          <Flex direction="row" gap="sm" wrap>
            {LEAD_STATUSES.map((status) => (
              <TextField key={status} path={['writeBack', 'leadStatus', 'values', status]} label={statusLabel(status)} optional />
            ))}
          </Flex>
        </>
      )}
    </Flex>
  );
}
