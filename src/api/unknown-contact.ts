/**
 * The answer to a card read or action on a contact the caller's portal has no lead for. `not_scored` is the code
 * the cards show their empty state on; the sentence is what an action's error shows the rep.
 */
export function unknownContact(contactId: number): { error: 'not_scored'; message: string } {
  return {
    error: 'not_scored',
    message: `The lead manager has no lead for contact ${contactId} in this portal yet, so there is nothing to show or change. It starts one when HubSpot reports activity on the contact.`,
  };
}
