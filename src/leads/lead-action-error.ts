/**
 * Why an action on a lead cannot apply: it conflicts with the lead as it stands (a rep already owns it, it
 * is not sales-ready, nothing is waiting for a touch), or it names something that does not exist. The HTTP
 * routes say which status each means; the use cases only say what went wrong.
 */
export class LeadActionError extends Error {
  constructor(
    message: string,
    readonly kind: 'conflict' | 'unknown_target',
  ) {
    super(message);
  }
}
