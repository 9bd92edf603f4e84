import { Router } from 'express';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import { pendingMigrations } from '../store/migrate';

export function healthRouter(deps: { db: Db; metrics: Metrics }): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    try {
      await deps.db.query('SELECT 1');
      const pending = await pendingMigrations(deps.db);
      if (pending.length > 0) return res.status(503).json({ status: 'migrating', pending });
      res.json({ status: 'ready', database: deps.db.kind });
    } catch (error) {
      res.status(503).json({ status: 'database unavailable', error: (error as Error).message });
    }
  });

  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return router;
}
