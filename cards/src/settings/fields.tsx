import { Input, NumberInput, Select, Toggle } from '@hubspot/ui-extensions';
import type { IssuePath } from '../shared/types';
import { useDraft } from './draft-context';
import { getIn, pathKey } from './draft-path';

interface FieldProps {
  path: IssuePath;
  label: string;
  description?: string;
}

/** Every field is named by its path, shows the server's issue for that path, and writes to the draft. */
function useField(path: IssuePath) {
  const { draft, readOnly, update, issueAt } = useDraft();
  const issue = issueAt(path);
  return {
    value: getIn(draft, path),
    set: (value: unknown) => update(path, value),
    common: { name: pathKey(path), readOnly, error: issue !== undefined, validationMessage: issue },
  };
}

export function NumberField({ path, label, description, min, max, optional }: FieldProps & { min?: number; max?: number; optional?: boolean }) {
  const { value, set, common } = useField(path);
  return (
    <NumberInput
      {...common}
      label={label}
      description={description}
      min={min}
      max={max}
      required={!optional}
      value={typeof value === 'number' ? value : undefined}
      onChange={(next) => set(typeof next === 'number' && !Number.isNaN(next) ? next : optional ? undefined : next)}
    />
  );
}

/** `optional`: clearing the text removes the setting instead of saving an empty string. */
export function TextField({ path, label, description, optional }: FieldProps & { optional?: boolean }) {
  const { value, set, common } = useField(path);
  return (
    <Input
      {...common}
      label={label}
      description={description}
      required={!optional}
      value={typeof value === 'string' ? value : ''}
      onChange={(next) => set(optional && next === '' ? undefined : next)}
    />
  );
}

/** An option whose value is "" stands for "not set": choosing it removes the setting. */
export function SelectField({ path, label, description, options }: FieldProps & { options: readonly { label: string; value: string }[] }) {
  const { value, set, common } = useField(path);
  return (
    <Select
      {...common}
      label={label}
      description={description}
      value={typeof value === 'string' ? value : ''}
      options={[...options]}
      onChange={(next) => set(next === '' ? undefined : String(next))}
    />
  );
}

/**
 * A list of values edited as comma-separated text; shows the issues of the list and of its items.
 * `optional`: an empty list removes the setting.
 */
export function ListField({ path, label, description, optional }: FieldProps & { optional?: boolean }) {
  const { issueAt } = useDraft();
  const { value, set, common } = useField(path);
  const values = Array.isArray(value) ? (value as string[]) : [];
  const itemIssues = values.map((item, index) => {
    const issue = issueAt([...path, index]);
    return issue === undefined ? undefined : `"${item}": ${issue}`;
  });
  const issues = [issueAt(path), ...itemIssues].filter((issue): issue is string => issue !== undefined);
  return (
    <Input
      {...common}
      label={label}
      description={description}
      error={issues.length > 0}
      validationMessage={issues.length > 0 ? issues.join(' ') : undefined}
      value={values.join(', ')}
      onChange={(text) => {
        const list = text.split(',').map((item) => item.trim()).filter(Boolean);
        set(optional && list.length === 0 ? undefined : list);
      }}
    />
  );
}

export function ToggleField({ path, label }: Omit<FieldProps, 'description'>) {
  const { value, set, common } = useField(path);
  return <Toggle name={common.name} readOnly={common.readOnly} label={label} labelDisplay="inline" checked={value === true} onChange={set} />;
}
