import type { Owner } from '../shared/types';

/** The owner's name as HubSpot has it, marked when deactivated; "Owner <id>" when the owner is not (yet) synced. */
export function ownerLabel(owners: readonly Owner[], ownerId: string): string {
  const owner = owners.find((candidate) => candidate.ownerId === ownerId);
  if (!owner) return `Owner ${ownerId}`;
  return owner.archived ? `${owner.name} (deactivated)` : owner.name;
}

/** Active owners to choose from, minus `exclude`, plus `current` (even if deactivated or unknown) so a select can show it. */
export function ownerOptions(owners: readonly Owner[], { current, exclude = [] }: { current?: string; exclude?: readonly string[] } = {}) {
  const ids = owners.filter((owner) => !owner.archived && !exclude.includes(owner.ownerId)).map((owner) => owner.ownerId);
  const withCurrent = current && !ids.includes(current) ? [current, ...ids] : ids;
  return withCurrent.map((ownerId) => ({ label: ownerLabel(owners, ownerId), value: ownerId }));
}
