import { Button } from '@hubspot/ui-extensions';
import type { ComponentProps } from 'react';
import { useDraft } from './draft-context';

/** A button that changes the draft (add, remove, move, turn on or off): disabled while the page is read-only. */
export function EditButton({ disabled, ...props }: ComponentProps<typeof Button>) {
  const { readOnly } = useDraft();
  return <Button {...props} disabled={readOnly || disabled} />;
}
