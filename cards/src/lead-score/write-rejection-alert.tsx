import { Alert, Text } from '@hubspot/ui-extensions';
import { formatDateTime } from '../shared/format';
import type { WriteRejection } from '../shared/types';

interface WriteRejectionAlertProps {
  rejection: WriteRejection;
  timeZone: string;
}

/** HubSpot refused the lead manager's last update of this contact: what HubSpot said, and about which properties. */
export function WriteRejectionAlert({ rejection, timeZone }: WriteRejectionAlertProps) {
  return (
    <Alert title="Not updated in HubSpot" variant="warning" testId="write-rejection">
      <Text>HubSpot refused our update: {rejection.message}</Text>
      {rejection.properties.length > 0 && <Text testId="write-rejection-properties">Properties: {rejection.properties.join(', ')}</Text>}
      <Text variant="microcopy">
        Refused {formatDateTime(rejection.at, timeZone)}. The contact's HubSpot properties keep their earlier values until the lead manager's next
        change is accepted.
      </Text>
    </Alert>
  );
}
