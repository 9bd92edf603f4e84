import { ButtonRow } from '@hubspot/ui-extensions';
import { EditButton } from './edit-button';

interface ListItemButtonsProps {
  index: number;
  count: number;
  /** What the item is, for the remove button ("rule", "policy"). */
  noun: string;
  /** Suffix of the buttons' test ids, e.g. "rule-dach" gives "move-up-rule-dach". */
  testIdSuffix: string;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** Move up, move down and remove, for an item of an ordered list whose order matters. */
export function ListItemButtons({ index, count, noun, testIdSuffix, onMove, onRemove }: ListItemButtonsProps) {
  return (
    <ButtonRow>
      <EditButton size="xs" disabled={index === 0} onClick={() => onMove(index - 1)} testId={`move-up-${testIdSuffix}`}>
        Move up
      </EditButton>
      <EditButton size="xs" disabled={index === count - 1} onClick={() => onMove(index + 1)} testId={`move-down-${testIdSuffix}`}>
        Move down
      </EditButton>
      <EditButton size="xs" variant="destructive" onClick={onRemove} testId={`remove-${testIdSuffix}`}>
        Remove {noun}
      </EditButton>
    </ButtonRow>
  );
}
