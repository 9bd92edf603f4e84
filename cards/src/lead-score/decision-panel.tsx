import { Button, ButtonRow, Flex, LoadingButton, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { Lead } from '../shared/types';
import type { Decision } from './lead-score-api';

type ReasonedKind = 'recycle' | 'disqualify';

const REASONED: Record<ReasonedKind, { open: string; confirm: string; label: string }> = {
  recycle: { open: 'Recycle to marketing', confirm: 'Recycle', label: 'Why is it going back to marketing?' },
  disqualify: { open: 'Disqualify', confirm: 'Disqualify', label: 'Why is it disqualified?' },
};

interface DecisionPanelProps {
  lead: Lead;
  busy: boolean;
  onDecide: (decision: Decision) => void;
}

/** Accept the lead as SQL, hand it back to marketing, or disqualify it; the last two need a reason. */
export function DecisionPanel({ lead, busy, onDecide }: DecisionPanelProps) {
  const [asking, setAsking] = useState<ReasonedKind | null>(null);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);

  const ask = (kind: ReasonedKind) => {
    setAsking(kind);
    setReason('');
    setMissingReason(false);
  };

  if (asking) {
    const copy = REASONED[asking];
    const confirm = () => {
      const given = reason.trim();
      if (!given) return setMissingReason(true);
      onDecide({ kind: asking, reason: given });
    };
    return (
      <Flex direction="column" gap="xs">
        <TextArea
          name="reason"
          label={copy.label}
          required
          value={reason}
          onChange={(value) => {
            setReason(value);
            if (value.trim()) setMissingReason(false);
          }}
          error={missingReason}
          validationMessage={missingReason ? 'Give a reason so marketing and reporting know why.' : undefined}
          testId="decision-reason"
        />
        <ButtonRow>
          <LoadingButton variant={asking === 'disqualify' ? 'destructive' : 'primary'} loading={busy} disabled={busy} onClick={confirm} testId={`confirm-${asking}`}>
            {copy.confirm}
          </LoadingButton>
          <Button variant="secondary" disabled={busy} onClick={() => setAsking(null)} testId="cancel-decision">
            Cancel
          </Button>
        </ButtonRow>
      </Flex>
    );
  }

  return (
    <ButtonRow>
      {lead.status !== 'sql' && (
        <LoadingButton variant="primary" loading={busy} disabled={busy} onClick={() => onDecide({ kind: 'accept' })} testId="accept">
          Accept as SQL
        </LoadingButton>
      )}
      {lead.status !== 'recycled' && (
        <Button variant="secondary" disabled={busy} onClick={() => ask('recycle')} testId="recycle">
          {REASONED.recycle.open}
        </Button>
      )}
      {lead.status !== 'disqualified' && (
        <Button variant="destructive" disabled={busy} onClick={() => ask('disqualify')} testId="disqualify">
          {REASONED.disqualify.open}
        </Button>
      )}
    </ButtonRow>
  );
}
