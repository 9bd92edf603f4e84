import { Input } from '@hubspot/ui-extensions';
import type { IssuePath } from '../shared/types';
import { useDraft } from './draft-context';
import { pathKey } from './draft-path';

/** A pool's id; renaming it renames it in the rules, the default pool and the SLA policies that name it. */
export function PoolIdField({ path, poolId }: { path: IssuePath; poolId: string }) {
  const { draft, readOnly, update, issueAt } = useDraft();
  const issue = issueAt(path);
  const rename = (next: string) => {
    update(path, next);
    draft.routing?.rules.forEach((rule, index) => rule.poolId === poolId && update(['routing', 'rules', index, 'poolId'], next));
    if (draft.routing?.defaultPool === poolId) update(['routing', 'defaultPool'], next);
    draft.sla?.policies.forEach((policy, index) => {
      const poolIds = policy.appliesTo.poolIds;
      if (poolIds?.includes(poolId)) update(['sla', 'policies', index, 'appliesTo', 'poolIds'], poolIds.map((id) => (id === poolId ? next : id)));
    });
  };
  return (
    <Input
      readOnly={readOnly}
      name={pathKey(path)}
      label="Pool id"
      description="Lowercase letters, digits and underscores; rules, the default pool and SLA policies refer to it (renaming updates them)."
      required
      value={poolId}
      error={issue !== undefined}
      validationMessage={issue}
      onChange={rename}
    />
  );
}
