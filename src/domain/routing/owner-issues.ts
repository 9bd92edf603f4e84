import type { RoutingSettings } from './routing-settings';

export interface OwnerIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Pool members and managers who are not active owners of the portal, as last synced from HubSpot: a
 * deactivated owner would never get a lead or an alert. Nothing to say while no owners are known yet.
 */
export function ownerIssues(routing: RoutingSettings | undefined, owners: readonly { ownerId: string; archived: boolean }[]): OwnerIssue[] {
  if (!routing || owners.length === 0) return [];
  const known = new Map(owners.map((owner) => [owner.ownerId, owner]));
  const problem = (ownerId: string): string | undefined => {
    const owner = known.get(ownerId);
    if (!owner) return `There is no owner ${ownerId} in this portal`;
    return owner.archived ? `Owner ${ownerId} is deactivated in HubSpot` : undefined;
  };
  return routing.pools.flatMap((pool, p) => [
    ...pool.members.flatMap((member, m) => {
      const message = problem(member.ownerId);
      return message ? [{ path: ['routing', 'pools', p, 'members', m, 'ownerId'], message }] : [];
    }),
    ...((message) => (message ? [{ path: ['routing', 'pools', p, 'managerOwnerId'], message: `${message}: nobody would get the hold-queue alerts` }] : []))(
      problem(pool.managerOwnerId),
    ),
  ]);
}
