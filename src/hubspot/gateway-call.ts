import { Client } from '@hubspot/api-client';
import type Bottleneck from 'bottleneck';
import type { Logger } from '../log';
import { createErrorResponseCapture, type SdkCallOptions } from './error-response-capture';
import type { CallOutcome, CountCall } from './gateway-metrics';
import { HubspotApiError } from './api-error';
import { decideRetry, type FailReason, type RetryOptions } from './retry';
import { toHubspotApiError } from './to-api-error';
import { PortalInactiveError, type TokenProvider } from './token-provider';

export interface GatewayCallDeps {
  apiBase: string;
  tokens: TokenProvider;
  logger: Logger;
  retry: RetryOptions;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  countCall: CountCall;
  /** A call still running after this long gives up its limiter slot and counts as a network timeout. */
  jobTimeoutMs: number;
}

/** One SDK call for a portal, under a limiter, with our retry policy around it. */
export type GatewayCall = <T>(
  portalId: number,
  operation: string,
  limiter: Bottleneck,
  request: SdkRequest<T>,
) => Promise<T>;

/** An SDK call; `options` must be passed as the SDK method's last argument (it captures error answers). */
export type SdkRequest<T> = (client: Client, options: SdkCallOptions) => Promise<T>;

/**
 * Each attempt waits for the portal's limiter, then takes a token and a fresh SDK Client (cheap: its
 * APIs are built lazily). A Client built without limiterOptions / numberOfApiCallRetries also resets the
 * SDK's process-global decorators to none, so only our limiter and retries apply. Waits between
 * attempts happen outside the limiter: a retry queues again like any other call.
 */
export function createGatewayCall(deps: GatewayCallDeps): GatewayCall {
  const { logger, retry, countCall } = deps;

  return async function call<T>(portalId: number, operation: string, limiter: Bottleneck, request: SdkRequest<T>) {
    let refreshedToken: string | undefined;
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      const capture = createErrorResponseCapture();
      let usedToken = '';
      try {
        const result = await limiter.schedule({ expiration: deps.jobTimeoutMs }, async () => {
          usedToken = refreshedToken ?? (await deps.tokens.accessToken(portalId));
          refreshedToken = undefined;
          return request(new Client({ accessToken: usedToken, basePath: deps.apiBase }), capture.options);
        });
        countCall(operation, 'ok', portalId);
        return result;
      } catch (thrown) {
        if (thrown instanceof PortalInactiveError) {
          countCall(operation, 'portal_inactive', portalId);
          throw thrown;
        }
        const error =
          toHubspotApiError(thrown, { operation, portalId, response: capture.last(), secrets: [usedToken], now: deps.now() }) ?? thrown;
        const decision = decideRetry(error, { attempt, refreshed }, retry, deps.random);
        const fields = describeFailure(portalId, operation, attempt, error);
        if (decision.action === 'retry') {
          countCall(operation, decision.reason, portalId);
          logger.warn({ ...fields, delayMs: decision.delayMs }, `HubSpot ${operation} failed (${decision.reason}); retrying`);
          await deps.sleep(decision.delayMs);
          continue;
        }
        if (decision.action === 'refresh_token') {
          countCall(operation, 'unauthorized', portalId);
          logger.info(fields, `HubSpot ${operation} answered 401; refreshing the token and retrying once`);
          refreshed = true;
          refreshedToken = await deps.tokens.refreshAfterRejection(portalId, usedToken);
          continue;
        }
        countCall(operation, outcomeOf(decision.reason), portalId);
        if (decision.reason === 'daily_limit') logger.error(fields, `HubSpot daily API limit reached; ${operation} not retried`);
        else logger.debug({ ...fields, reason: decision.reason }, `HubSpot ${operation} failed`);
        throw error;
      }
    }
  };
}

function describeFailure(portalId: number, operation: string, attempt: number, error: unknown): Record<string, unknown> {
  if (!(error instanceof HubspotApiError)) return { portalId, operation, attempt, err: error };
  const { status, code, category, policyName, correlationId, detail } = error;
  return { portalId, operation, attempt, status, code, category, policyName, correlationId, detail };
}

function outcomeOf(reason: FailReason): CallOutcome {
  switch (reason) {
    case 'daily_limit':
    case 'unauthorized':
    case 'client_error':
      return reason;
    case 'exhausted':
    case 'not_retryable':
      return 'error';
  }
}
