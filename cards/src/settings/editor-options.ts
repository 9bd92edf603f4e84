import type { Owner } from '../shared/types';

/**
 * The users an admin can list as editors: the active owners' HubSpot users, by name, plus every user listed now
 * (a deactivated owner marked so, a user no owner names as "User <id>") so the list shows and can remove them.
 */
export function editorOptions(owners: readonly Owner[], editors: readonly number[]): { label: string; value: number }[] {
  const withUser = owners.filter((owner): owner is Owner & { userId: number } => owner.userId !== null);
  const active = withUser.filter((owner) => !owner.archived).map((owner) => ({ label: labelOf(owner), value: owner.userId }));
  const listedElsewhere = editors
    .filter((userId) => !active.some((option) => option.value === userId))
    .map((userId) => {
      const owner = withUser.find((candidate) => candidate.userId === userId);
      return { label: owner ? `${labelOf(owner)} (deactivated)` : `User ${userId}`, value: userId };
    });
  return [...listedElsewhere, ...active];
}

function labelOf(owner: Owner): string {
  return owner.email && owner.email !== owner.name ? `${owner.name} (${owner.email})` : owner.name;
}
