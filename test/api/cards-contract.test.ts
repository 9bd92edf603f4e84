import type { z } from 'zod';
import type { AccessSettings as CardsAccessSettings, Owner as CardsOwner, SettingsAccess as CardsSettingsAccess } from '../../cards/src/shared/types';
import type { AccessSettings } from '../../src/domain/access-settings';
import type { SettingsAccessView } from '../../src/api/api-responses';
import type { ownersResponse } from '../../src/api/settings-routing-responses';

/**
 * The extensions are bundled on their own and may import only their own code (see cards/README.md), so they
 * declare the API's shapes again in cards/src/shared/types.ts. Type-checking this file (`npm test` runs tsc
 * first) fails when a declaration drifts from the server's contract for who may publish.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const accessMatches: Same<CardsSettingsAccess, SettingsAccessView> = true;
const editorsMatch: Same<CardsAccessSettings, AccessSettings> = true;
const ownersMatch: Same<CardsOwner, z.infer<typeof ownersResponse>['owners'][number]> = true;

it('the cards declare who may publish, the editors and the owners as the server answers them', () => {
  expect([accessMatches, editorsMatch, ownersMatch]).toEqual([true, true, true]);
});
