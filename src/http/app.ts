import express, { type ErrorRequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { TrustProxy } from '../config';
import type { Logger } from '../log';

/**
 * The express app: helmet's security headers on every answer (errors and redirects too, so it comes first),
 * routers in order, then one error handler that logs once and answers JSON. `trustProxy` decides whether
 * `req.ip`, which the logs record, is the socket's address or what a trusted proxy forwarded.
 */
export function createHttpApp(routers: Router[], logger: Logger, trustProxy: TrustProxy = false): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(helmet());
  for (const router of routers) app.use(router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 600 ? error.status : 500;
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json({ error: status >= 500 ? 'internal error' : String(error.message ?? 'bad request') });
  };
  app.use(onError);
  return app;
}
