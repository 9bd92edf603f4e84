import { Router } from 'express';
import type { AppDefinition } from '../app-definition';
import { installPortal, type InstallDeps } from '../hubspot/install-portal';
import { HubspotErrorAnswer } from '../hubspot/json-request';
import type { Metrics } from '../metrics';
import type { OAuthStateStore } from '../store/oauth-states';
import type { InstallBrowserCookie } from './install-browser-cookie';

export interface OAuthRouterDeps extends InstallDeps {
  app: AppDefinition;
  states: OAuthStateStore;
  /** Ties each state to the browser it was issued to. */
  browser: InstallBrowserCookie;
  metrics: Metrics;
  /** Where the install flow ends in the browser; a demo portal's sandbox page, for instance. */
  installedPage?: (outcome: { portalId: number; hubDomain: string | undefined }) => string;
}

export function oauthRouter(deps: OAuthRouterDeps): Router {
  const router = Router();
  const { auth } = deps.app.config;

  router.get('/oauth/install', async (_req, res) => {
    const state = await deps.states.issue(deps.now());
    deps.browser.bind(res, state);
    res.redirect(302, deps.oauth.authorizeUrl(state, { required: auth.requiredScopes, optional: auth.optionalScopes }));
  });

  router.get('/oauth/callback', async (req, res) => {
    const { code, state, error, error_description: errorDescription } = req.query;
    const refuse = (reason: string, status: number, message: string) => {
      deps.metrics.installFailures.inc({ reason });
      res.status(status).type('text/plain').send(message);
    };
    // Whatever the outcome, this browser's install attempt ends here.
    deps.browser.clear(res);
    if (typeof error === 'string') {
      return refuse('denied', 400, `HubSpot did not authorize the install: ${String(errorDescription ?? error)}`);
    }
    if (typeof state !== 'string') {
      return refuse('bad_state', 400, 'The install link is invalid, expired or was already used. Start again from /oauth/install.');
    }
    // Checked before the state is consumed, so a link that reached the wrong browser cannot use up the right one's state.
    if (!deps.browser.matches(req, state)) {
      deps.logger.warn({ ip: req.ip }, 'install callback refused: the state was issued to another browser');
      return refuse(
        'browser_mismatch',
        400,
        'This install was started in another browser, or too long ago. Start again from /oauth/install in this browser.',
      );
    }
    if (!(await deps.states.consume(state, deps.now()))) {
      return refuse('bad_state', 400, 'The install link is invalid, expired or was already used. Start again from /oauth/install.');
    }
    if (typeof code !== 'string' || code === '') {
      return refuse('missing_code', 400, 'HubSpot sent no authorization code.');
    }
    let outcome;
    try {
      outcome = await installPortal(code, deps);
    } catch (failure) {
      const status = failure instanceof HubspotErrorAnswer ? failure.response.status : undefined;
      if (status === 400) return refuse('bad_code', 400, 'HubSpot refused the authorization code. Start again from /oauth/install.');
      deps.logger.error({ err: failure }, 'install failed');
      return refuse('error', 502, 'The install could not be completed because HubSpot did not answer as expected. Please try again.');
    }
    deps.metrics.installs.inc({ kind: outcome.created ? 'new' : 'reinstall' });
    const page = deps.installedPage?.(outcome);
    if (page) return res.redirect(302, page);
    res
      .type('text/plain')
      .send(`Lead Manager is installed in HubSpot portal ${outcome.portalId}${outcome.hubDomain ? ` (${outcome.hubDomain})` : ''}.`);
  });

  return router;
}
