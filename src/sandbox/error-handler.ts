import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log';
import { HubspotHttpError, errorBody } from './hubspot-errors';

function isBodyParseError(err: unknown): err is { type: string; message: string } {
  return typeof err === 'object' && err !== null && (err as { type?: unknown }).type === 'entity.parse.failed';
}

/** Renders HubSpot-shaped errors; anything unexpected is logged once here and answered 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof HubspotHttpError) {
      for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
      res.status(err.status).json(err.body);
      return;
    }
    if (isBodyParseError(err)) {
      res.status(400).json(errorBody('VALIDATION_ERROR', `Invalid input JSON: ${err.message}`));
      return;
    }
    logger.error({ err, method: req.method, path: req.path, portalId: res.locals.portalId }, 'sandbox: handler failed');
    res.status(500).json(errorBody('INTERNAL_ERROR', 'internal error'));
  };
}

export const unknownEndpoint: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('OBJECT_NOT_FOUND', `No emulated endpoint for ${req.method} ${req.path}`));
};
