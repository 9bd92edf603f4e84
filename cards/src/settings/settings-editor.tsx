import { Alert, Button, ButtonRow, Flex, Form, Input, LoadingButton, List, Tab, Tabs, Text } from '@hubspot/ui-extensions';
import { useCallback, useMemo, useState } from 'react';
import type { IssuePath, PortalSettings, SettingsOverview, ValidationIssue } from '../shared/types';
import { useAction } from '../shared/use-action';
import { ActivityMappingSection } from './activity-mapping-section';
import { afterValidation } from './after-validation';
import { DraftContext, type DraftApi } from './draft-context';
import { isWithin, pathKey, setIn } from './draft-path';
import { EditorsSection } from './editors-section';
import { EngagementRulesSection } from './engagement-rules-section';
import { FitRulesSection } from './fit-rules-section';
import { GroupsSection } from './groups-section';
import { PreviewPanel } from './preview-panel';
import { QualificationSection } from './qualification-section';
import { RoutingSection } from './routing-section';
import { previewSettings, publishSettings, validateSettings } from './settings-api';
import { SlaSection } from './sla-section';
import { issuesByField, settingsPath } from './validation-issues';
import { VersionHistory } from './version-history';
import { WriteBackSection } from './write-back-section';

const previewDraft = (settings: PortalSettings) => afterValidation(settings, () => previewSettings(settings));
const publishDraft = (settings: PortalSettings, note: string) => afterValidation(settings, () => publishSettings(settings, note));

interface SettingsEditorProps {
  overview: SettingsOverview;
  timeZone: string;
  onPublished: (version: number, rolledBackFrom?: number) => void;
}

/**
 * Edits a draft of the live settings; checks, previews and publishes it through the service. For a user who may
 * not publish, the same page is read-only: it says why, its fields edit nothing, and publishing and rolling back
 * are not offered (checking and previewing still are).
 */
export function SettingsEditor({ overview, timeZone, onPublished }: SettingsEditorProps) {
  const live = overview.live.settings;
  const { access } = overview;
  const readOnly = !access.canPublish;
  const [draft, setDraft] = useState(live);
  const [tab, setTab] = useState<string>('qualification');
  const [issues, setIssues] = useState<ValidationIssue[]>([]);
  const [note, setNote] = useState('');
  const check = useAction(validateSettings);
  const preview = useAction(previewDraft);
  const publish = useAction(publishDraft);
  const [previewed, setPreviewed] = useState<PortalSettings | null>(null);

  const byField = useMemo(() => issuesByField(issues), [issues]);
  const update = useCallback((path: IssuePath, value: unknown) => {
    if (readOnly) return;
    setDraft((current) => setIn(current, path, value));
    // An edit answers the issues of what it replaced and of the lists and objects around it (they are checked as a whole).
    setIssues((current) => current.filter((issue) => !isWithin(settingsPath(issue.path), path) && !isWithin(path, settingsPath(issue.path))));
  }, [readOnly]);
  const api = useMemo<DraftApi>(
    () => ({ draft, readOnly, update, issueAt: (path) => byField.get(pathKey(path)), reportIssues: setIssues }),
    [draft, readOnly, update, byField],
  );

  const runCheck = async () => {
    const result = await check.run(draft);
    if (result) setIssues(result.ok ? [] : result.issues);
  };
  const runPreview = async () => {
    const submitted = draft;
    const result = await preview.run(submitted);
    if (!result) return;
    setIssues(result.ok ? [] : result.issues);
    if (result.ok) setPreviewed(submitted);
  };
  const runPublish = async () => {
    const result = await publish.run(draft, note);
    if (!result) return;
    setIssues(result.ok ? [] : result.issues);
    if (result.ok) onPublished(result.value.version);
  };

  const discard = () => {
    setDraft(live);
    setIssues([]);
  };

  const busy = check.state.status === 'running' || preview.state.status === 'running' || publish.state.status === 'running';
  const failure = [check, preview, publish].map((action) => action.state).find((state) => state.status === 'error');

  return (
    <DraftContext.Provider value={api}>
      <Flex direction="column" gap="md">
        {!access.canPublish && (
          <Alert title="You can view these settings, check and preview them, but not publish them" variant="info" testId="read-only">
            {access.reason}
          </Alert>
        )}
        {draft !== live && <Text variant="microcopy" testId="unpublished">You have unpublished changes (live is v{overview.live.version}).</Text>}
        {issues.length > 0 && (
          <Alert title={`Fix ${issues.length === 1 ? 'this problem' : `these ${issues.length} problems`} before publishing`} variant="error" testId="issues">
            <List>
              {issues.map((issue, index) => (
                <Text key={index}>
                  {pathKey(settingsPath(issue.path))}: {issue.message}
                </Text>
              ))}
            </List>
          </Alert>
        )}
        {check.state.status === 'success' && check.state.data.ok && issues.length === 0 && (
          <Alert title="No problems found" variant="success" testId="check-ok" />
        )}
        {failure?.status === 'error' && (
          <Alert title="The lead manager did not answer" variant="error" testId="action-error">
            {failure.error.message}
          </Alert>
        )}
        <Form onSubmit={runCheck} preventDefault>
          <Tabs variant="enclosed" selected={tab} onSelectedChange={(selected: string | number) => setTab(String(selected))}>
            <Tab tabId="qualification" title="Qualification">
              <QualificationSection />
            </Tab>
            <Tab tabId="engagement" title="Engagement rules">
              <EngagementRulesSection />
            </Tab>
            <Tab tabId="groups" title="Caps & decay">
              <GroupsSection />
            </Tab>
            <Tab tabId="fit" title="Fit rules">
              <FitRulesSection />
            </Tab>
            <Tab tabId="mapping" title="Activity mapping">
              <ActivityMappingSection />
            </Tab>
            <Tab tabId="write-back" title="Write-back">
              <WriteBackSection />
            </Tab>
            <Tab tabId="routing" title="Routing">
              <RoutingSection timeZone={timeZone} />
            </Tab>
            <Tab tabId="sla" title="SLA">
              <SlaSection timeZone={timeZone} />
            </Tab>
            <Tab tabId="access" title="Who may publish">
              {/* Rendered when opened: it reads the portal's users, which no other tab needs up front. */}
              {tab === 'access' && <EditorsSection />}
            </Tab>
            <Tab tabId="history" title="History">
              <VersionHistory
                versions={overview.versions}
                liveVersion={overview.live.version}
                timeZone={timeZone}
                onRolledBack={readOnly ? undefined : onPublished}
              />
            </Tab>
          </Tabs>
          {!readOnly && <Input name="note" label="Note for this version" description="Optional: what changed and why." value={note} onChange={setNote} />}
          <ButtonRow>
            <Button variant="secondary" disabled={busy} onClick={runCheck} testId="check">
              Check
            </Button>
            <LoadingButton variant="secondary" loading={preview.state.status === 'running'} disabled={busy} onClick={runPreview} testId="preview">
              Preview
            </LoadingButton>
            {!readOnly && (
              <>
                <LoadingButton variant="primary" loading={publish.state.status === 'running'} disabled={busy} onClick={runPublish} testId="publish">
                  Publish
                </LoadingButton>
                <Button variant="transparent" disabled={busy || draft === live} onClick={discard} testId="discard">
                  Discard changes
                </Button>
              </>
            )}
          </ButtonRow>
        </Form>
        {preview.state.status === 'success' && preview.state.data.ok && (
          <PreviewPanel preview={preview.state.data.value} outdated={previewed !== draft} />
        )}
      </Flex>
    </DraftContext.Provider>
  );
}
