import { Button, ButtonRow, Flex, LoadingButton, Select } from '@hubspot/ui-extensions';
import { type ReactNode, useState } from 'react';
import { ReasonField } from './reason-field';
import type { ReassignTarget, RoutingActionKind, RoutingCardView, RoutingOwner } from './routing-types';

interface FormProps<T> {
  busy: boolean;
  onSubmit: (input: T) => void;
  onCancel: () => void;
}

/** `{ [key]: text }` trimmed, or nothing when the optional text is blank. */
function optionalText<K extends string>(key: K, text: string): Partial<Record<K, string>> {
  const trimmed = text.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

/** A reassign target as one Select value: "pool:<id>" or "owner:<id>". */
function targetValue(target: ReassignTarget): string {
  return 'poolId' in target ? `pool:${target.poolId}` : `owner:${target.ownerId}`;
}

function parseTarget(value: string): ReassignTarget | undefined {
  const [kind, ...rest] = value.split(':');
  const id = rest.join(':');
  if (!id) return undefined;
  if (kind === 'pool') return { poolId: id };
  return kind === 'owner' ? { ownerId: id } : undefined;
}

/** The pools, then the people other than the current owner, that the lead can go to. */
export function reassignOptions(choices: RoutingCardView['choices'], owner: RoutingOwner | null): { label: string; value: string }[] {
  return [
    ...choices.pools.map((pool) => ({ label: `Pool · ${pool.label}`, value: targetValue({ poolId: pool.id }) })),
    ...choices.owners
      .filter((person) => person.ownerId !== owner?.ownerId)
      .map((person) => ({ label: person.name, value: targetValue({ ownerId: person.ownerId }) })),
  ];
}

export function ReassignForm({ options, busy, onSubmit, onCancel }: FormProps<{ to: ReassignTarget; reason?: string }> & { options: { label: string; value: string }[] }) {
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [missingTarget, setMissingTarget] = useState(false);
  const submit = () => {
    const to = parseTarget(target);
    if (!to) return setMissingTarget(true);
    onSubmit({ to, ...optionalText('reason', reason) });
  };
  return (
    <ActionForm confirm="Reassign" kind="reassign" busy={busy} onConfirm={submit} onCancel={onCancel}>
      <Select
        name="reassign-to"
        label="Reassign to"
        description="A pool picks the rep by its strategy; a person takes the lead directly."
        required
        options={options}
        value={target}
        onChange={(value) => {
          setTarget(String(value));
          setMissingTarget(false);
        }}
        error={missingTarget}
        validationMessage={missingTarget ? 'Choose a pool or a person.' : undefined}
        testId="reassign-to"
      />
      <ReasonField name="reassign-reason" label="Why (optional)" value={reason} onChange={setReason} />
    </ActionForm>
  );
}

export function TouchedForm({ busy, onSubmit, onCancel }: FormProps<{ note?: string }>) {
  const [note, setNote] = useState('');
  return (
    <ActionForm confirm="Mark touched" kind="touched" busy={busy} onConfirm={() => onSubmit(optionalText('note', note))} onCancel={onCancel}>
      <ReasonField name="touch-note" label="How did you reach the lead? (optional)" value={note} onChange={setNote} />
    </ActionForm>
  );
}

export function RecycleForm({ busy, onSubmit, onCancel }: FormProps<{ reason: string }>) {
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const submit = () => {
    const given = reason.trim();
    if (!given) return setMissingReason(true);
    onSubmit({ reason: given });
  };
  return (
    <ActionForm confirm="Recycle" kind="recycle" busy={busy} onConfirm={submit} onCancel={onCancel}>
      <ReasonField
        name="recycle-reason"
        label="Why is it going back to marketing?"
        required
        value={reason}
        onChange={(value) => {
          setReason(value);
          if (value.trim()) setMissingReason(false);
        }}
        error={missingReason ? 'Give a reason so marketing and reporting know why.' : undefined}
      />
    </ActionForm>
  );
}

interface ActionFormProps {
  kind: RoutingActionKind;
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}

function ActionForm({ kind, confirm, busy, onConfirm, onCancel, children }: ActionFormProps) {
  return (
    <Flex direction="column" gap="xs">
      {children}
      <ButtonRow>
        <LoadingButton variant="primary" loading={busy} disabled={busy} onClick={onConfirm} testId={`confirm-${kind}`}>
          {confirm}
        </LoadingButton>
        <Button variant="secondary" disabled={busy} onClick={onCancel} testId="cancel-action">
          Cancel
        </Button>
      </ButtonRow>
    </Flex>
  );
}
