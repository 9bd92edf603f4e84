import { TextArea } from '@hubspot/ui-extensions';

interface ReasonFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  /** What is wrong with the value; undefined when nothing is. */
  error?: string;
}

/** A free-text reason or note for an action; the service takes at most 500 characters. */
export function ReasonField({ name, label, value, onChange, required = false, error }: ReasonFieldProps) {
  return (
    <TextArea
      name={name}
      label={label}
      required={required}
      maxLength={500}
      value={value}
      onChange={onChange}
      error={error !== undefined}
      validationMessage={error}
      testId={name}
    />
  );
}
