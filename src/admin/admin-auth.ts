import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../log';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Lets through requests that carry `Authorization: Bearer <token>`. Both sides are hashed first, so the
 * comparison takes the same time whatever the caller sent (its length included), and nothing below runs for a
 * caller without the token: no portal lookups, so no answer or delay says whether a portal exists.
 */
export function requireAdminToken(token: string, logger: Logger): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '');
    const given = digest(match?.[1] ?? '');
    if (match && timingSafeEqual(given, expected)) return next();
    logger.warn({ ip: req.ip, method: req.method, path: req.path, sent: match ? 'a wrong token' : 'no bearer token' }, 'operator API refused a request');
    res.set('WWW-Authenticate', 'Bearer').status(401).json({ error: 'a valid operator token is required' });
  };
}
