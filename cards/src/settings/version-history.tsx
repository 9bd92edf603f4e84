import { Alert, Button, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { formatDateTime } from '../shared/format';
import type { SettingsVersion } from '../shared/types';
import { useAction } from '../shared/use-action';
import { rollbackSettings } from './settings-api';

interface VersionHistoryProps {
  versions: SettingsVersion[];
  liveVersion: number;
  timeZone: string;
  /** Without it (the user may not roll back), no version offers to be made live again. */
  onRolledBack?: (version: number, from: number) => void;
}

/** Every saved version, who made and published it and when; any earlier one can be made live again by those who may. */
export function VersionHistory({ versions, liveVersion, timeZone, onRolledBack }: VersionHistoryProps) {
  const rollback = useAction(rollbackSettings);
  const rollBackTo = async (version: number) => {
    const result = await rollback.run(version);
    if (result) onRolledBack?.(result.version, version);
  };
  const ordered = [...versions].sort((a, b) => b.version - a.version);

  if (versions.length === 0) return <Text>No version has been published yet; the defaults are live.</Text>;
  return (
    <>
      {rollback.state.status === 'error' && (
        <Alert title="Roll back failed" variant="error" testId="rollback-error">
          {rollback.state.error.message}
        </Alert>
      )}
      <Table density="compact" testId="version-history">
        <TableHead>
          <TableRow>
            <TableHeader>Version</TableHeader>
            <TableHeader>Published</TableHeader>
            <TableHeader>Created</TableHeader>
            <TableHeader>Note</TableHeader>
            <TableHeader> </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {ordered.map((version) => (
            <TableRow key={version.version}>
              <TableCell>v{version.version}</TableCell>
              <TableCell>{version.publishedAt ? `${formatDateTime(version.publishedAt, timeZone)} by ${version.publishedBy ?? 'unknown'}` : 'Never'}</TableCell>
              <TableCell>
                {formatDateTime(version.createdAt, timeZone)} by {version.createdBy ?? 'unknown'}
              </TableCell>
              <TableCell>{version.note ?? ''}</TableCell>
              <TableCell>
                {version.version === liveVersion ? (
                  <StatusTag variant="success">Live</StatusTag>
                ) : onRolledBack && (
                  <Button size="xs" disabled={rollback.state.status === 'running'} onClick={() => rollBackTo(version.version)} testId={`rollback-${version.version}`}>
                    Roll back to v{version.version}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
