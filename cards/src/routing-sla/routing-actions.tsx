import { Button, ButtonRow } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { ReassignForm, RecycleForm, TouchedForm, reassignOptions } from './action-forms';
import type { RoutingAction, RoutingActionKind, RoutingCardView } from './routing-types';
import { isRunning } from './sla-countdown';

interface RoutingActionsProps {
  view: RoutingCardView;
  busy: boolean;
  /** Resolves true when the service took the action. */
  onAct: (action: RoutingAction) => Promise<boolean>;
}

/** Reassign the lead, record the first touch, or hand it back to marketing (with a reason). */
export function RoutingActions({ view, busy, onAct }: RoutingActionsProps) {
  const [open, setOpen] = useState<Exclude<RoutingActionKind, 'away'> | null>(null);
  const { contactId } = view;
  const submit = async (action: RoutingAction) => {
    if (await onAct(action)) setOpen(null);
  };
  const close = () => setOpen(null);

  switch (open) {
    case 'reassign':
      return (
        <ReassignForm options={reassignOptions(view.choices, view.owner)} busy={busy} onCancel={close} onSubmit={(input) => submit({ contactId, kind: 'reassign', ...input })} />
      );
    case 'touched':
      return <TouchedForm busy={busy} onCancel={close} onSubmit={(input) => submit({ contactId, kind: 'touched', ...input })} />;
    case 'recycle':
      return <RecycleForm busy={busy} onCancel={close} onSubmit={(input) => submit({ contactId, kind: 'recycle', ...input })} />;
    case null:
      return (
        <ButtonRow>
          <Button
            variant="primary"
            disabled={busy || !(view.owner && isRunning(view.sla))}
            onClick={() => setOpen('touched')}
            testId="touched"
          >
            Mark touched
          </Button>
          <Button variant="secondary" disabled={busy || reassignOptions(view.choices, view.owner).length === 0} onClick={() => setOpen('reassign')} testId="reassign">
            Reassign
          </Button>
          {view.status !== 'recycled' && (
            <Button variant="destructive" disabled={busy} onClick={() => setOpen('recycle')} testId="recycle">
              Recycle to marketing
            </Button>
          )}
        </ButtonRow>
      );
  }
}
