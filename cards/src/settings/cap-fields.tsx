import { Select } from '@hubspot/ui-extensions';
import type { CapPeriod, IssuePath } from '../shared/types';
import { useDraft } from './draft-context';
import { getIn, pathKey } from './draft-path';
import { NumberField } from './fields';
import { CAP_OPTIONS } from './options';

interface CapFieldsProps {
  /** Path of the optional cap object. */
  path: IssuePath;
  /** The cap's limit field: "max" (times) for rules, "maxPoints" for groups. */
  limit: 'max' | 'maxPoints';
  limitLabel: string;
}

/** An optional cap: choosing a period creates it (limit 1 until edited), "No cap" removes it. */
export function CapFields({ path, limit, limitLabel }: CapFieldsProps) {
  const { draft, readOnly, update, issueAt } = useDraft();
  const cap = getIn(draft, path) as ({ per: CapPeriod } & Record<string, number>) | undefined;
  const issue = issueAt([...path, 'per']);
  return (
    <>
      <Select
        name={pathKey([...path, 'per'])}
        readOnly={readOnly}
        label="Cap"
        value={cap?.per ?? ''}
        options={CAP_OPTIONS}
        error={issue !== undefined}
        validationMessage={issue}
        onChange={(per) => update(path, per === '' ? undefined : { [limit]: cap?.[limit] ?? 1, per })}
      />
      {cap && <NumberField path={[...path, limit]} label={limitLabel} min={1} />}
    </>
  );
}
