import { Alert, Flex, Heading, LoadingButton, NumberInput, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { Owner, PortalSettings } from '../shared/types';
import { useAction } from '../shared/use-action';
import { afterValidation } from './after-validation';
import { useDraft } from './draft-context';
import { RoutingPreviewResult } from './routing-preview-result';
import { previewRouting } from './routing-settings-api';

const previewDraftRouting = (settings: PortalSettings, limit: number) => afterValidation(settings, () => previewRouting(settings, limit));

/** Where the latest sales-ready leads would go under the draft's routing, next to where they went; invalid drafts show their issues. */
export function RoutingPreviewPanel({ owners, timeZone }: { owners: readonly Owner[]; timeZone: string }) {
  const { draft, reportIssues } = useDraft();
  const [limit, setLimit] = useState(50);
  const preview = useAction(previewDraftRouting);
  const [previewed, setPreviewed] = useState<PortalSettings | null>(null);

  const run = async () => {
    const submitted = draft;
    const result = await preview.run(submitted, limit);
    if (!result) return;
    reportIssues(result.ok ? [] : result.issues);
    if (result.ok) setPreviewed(submitted);
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Routing preview</Heading>
      <Text variant="microcopy">
        Where the latest sales-ready leads would go under this draft if they arrived now, next to where they went. Nobody is assigned.
        {draft.routing?.useCompanyOwner ? ' Company owners are not looked up for the preview: every lead goes by the rules.' : ''}
      </Text>
      <Flex direction="row" gap="sm" align="end">
        <NumberInput
          name="routing-preview-limit"
          label="Leads to preview"
          min={1}
          max={500}
          value={limit}
          onChange={(next) => setLimit(Number.isInteger(next) ? Math.min(500, Math.max(1, next)) : 50)}
        />
        <LoadingButton variant="secondary" loading={preview.state.status === 'running'} onClick={run} testId="preview-routing">
          Preview routing
        </LoadingButton>
      </Flex>
      {preview.state.status === 'error' && (
        <Alert title="The routing preview failed" variant="error" testId="routing-preview-error">
          {preview.state.error.message}
        </Alert>
      )}
      {preview.state.status === 'success' && preview.state.data.ok && (
        <RoutingPreviewResult key={preview.state.data.value.evaluatedAt} preview={preview.state.data.value} owners={owners} timeZone={timeZone} outdated={previewed !== draft} />
      )}
    </Flex>
  );
}
