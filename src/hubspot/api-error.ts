export interface HubspotApiErrorFields {
  /** HTTP status; 0 when no answer came back (network error, timeout). */
  status: number;
  operation: string;
  portalId: number;
  /** HubSpot's error body (parsed JSON, or the raw text), as it answered. */
  body: unknown;
  category?: string;
  correlationId?: string;
  /** On 429s: `TEN_SECONDLY_ROLLING`, `SECONDLY`, `DAILY`… */
  policyName?: string;
  /** The network error code (ECONNRESET, ETIMEDOUT…) when status is 0. */
  code?: string;
  /** HubSpot's own message, or the network error's. */
  detail?: string;
  /** What Retry-After asked for, in ms. */
  retryAfterMs?: number;
  /** The record ids of the batch chunk that failed, so the caller can split it. */
  ids?: string[];
}

/**
 * A HubSpot call that failed, with what HubSpot said. The message names the operation, the
 * portal and HubSpot's answer, and never contains credentials (see toHubspotApiError).
 */
export class HubspotApiError extends Error {
  readonly status: number;
  readonly operation: string;
  readonly portalId: number;
  readonly body: unknown;
  readonly category?: string;
  readonly correlationId?: string;
  readonly policyName?: string;
  readonly code?: string;
  readonly detail?: string;
  readonly retryAfterMs?: number;
  readonly ids?: string[];

  constructor(fields: HubspotApiErrorFields) {
    super(describe(fields));
    this.name = 'HubspotApiError';
    this.status = fields.status;
    this.operation = fields.operation;
    this.portalId = fields.portalId;
    this.body = fields.body;
    this.category = fields.category;
    this.correlationId = fields.correlationId;
    this.policyName = fields.policyName;
    this.code = fields.code;
    this.detail = fields.detail;
    this.retryAfterMs = fields.retryAfterMs;
    this.ids = fields.ids;
  }

  /** The same error, naming the ids of the batch chunk it was for. */
  withIds(ids: string[]): HubspotApiError {
    return new HubspotApiError({ ...this.fields(), ids });
  }

  private fields(): HubspotApiErrorFields {
    const { status, operation, portalId, body, category, correlationId, policyName, code, detail, retryAfterMs, ids } = this;
    return { status, operation, portalId, body, category, correlationId, policyName, code, detail, retryAfterMs, ids };
  }
}

function describe(fields: HubspotApiErrorFields): string {
  const answer = fields.status === 0 ? `network error ${fields.code ?? ''}`.trim() : `HTTP ${fields.status}`;
  const parts = [
    `HubSpot ${fields.operation} for portal ${fields.portalId} failed: ${answer}`,
    fields.category,
    fields.policyName && `policy ${fields.policyName}`,
    fields.detail && `"${fields.detail}"`,
    fields.correlationId && `correlationId ${fields.correlationId}`,
    fields.ids && `${fields.ids.length} ids`,
  ];
  return parts.filter(Boolean).join(', ');
}
