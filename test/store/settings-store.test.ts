import { DEFAULT_PORTAL_SETTINGS } from '../../src/domain/portal-settings';
import { silentLogger } from '../../src/log';
import type { Db } from '../../src/store/db';
import { SettingsStore } from '../../src/store/settings-store';
import { testDatabases } from '../support/databases';

describe.each(testDatabases)('live settings on $name', (database) => {
  let db: Db;
  beforeAll(async () => (db = await database.open()));
  afterAll(() => db.close());

  const publish = (portalId: number, version: number, settings: unknown, minutesAgo: number) =>
    db.query(
      `INSERT INTO settings_versions (portal_id, version, settings, created_by, published_at, published_by)
       VALUES ($1, $2, $3, 'test', now() - make_interval(mins => $4), 'test')`,
      [portalId, version, JSON.stringify(settings), minutesAgo],
    );

  it('are the defaults (version 0) until a version is published, then the newest published one', async () => {
    const store = new SettingsStore(db, 0);
    expect(await store.live(1)).toEqual({ version: 0, settings: DEFAULT_PORTAL_SETTINGS });
    const stricter = { ...DEFAULT_PORTAL_SETTINGS, scoring: { ...DEFAULT_PORTAL_SETTINGS.scoring, thresholds: { ...DEFAULT_PORTAL_SETTINGS.scoring.thresholds, mql: 70 } } };
    await publish(1, 1, DEFAULT_PORTAL_SETTINGS, 10);
    await publish(1, 2, stricter, 5);
    expect(await store.live(1)).toMatchObject({ version: 2, settings: { scoring: { thresholds: { mql: 70 } } } });
  });

  it('parse a version once while it stays live, and again only when another document is published', async () => {
    const store = new SettingsStore(db, 0);
    await publish(3, 1, DEFAULT_PORTAL_SETTINGS, 10);
    const first = await store.live(3);
    expect(await store.live(3)).toBe(first);
    const stricter = { ...DEFAULT_PORTAL_SETTINGS, scoring: { ...DEFAULT_PORTAL_SETTINGS.scoring, thresholds: { ...DEFAULT_PORTAL_SETTINGS.scoring.thresholds, mql: 75 } } };
    // The same version number published again (a portal's data deleted and set up anew) is another document.
    await db.query('DELETE FROM settings_versions WHERE portal_id = 3');
    await publish(3, 1, stricter, 1);
    expect(await store.live(3)).toMatchObject({ version: 1, settings: { scoring: { thresholds: { mql: 75 } } } });
  });

  it('skip a published version that no longer fits the schema, for the newest one that does, and say so', async () => {
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (fields: unknown) => errors.push(fields) } as unknown as typeof silentLogger;
    const store = new SettingsStore(db, 0, Date.now, logger);
    await publish(2, 1, DEFAULT_PORTAL_SETTINGS, 10);
    await publish(2, 2, { scoring: 'written by an older release' }, 5);
    expect(await store.live(2)).toEqual({ version: 1, settings: DEFAULT_PORTAL_SETTINGS });
    expect(errors).toEqual([expect.objectContaining({ portalId: 2, version: 2 })]);
  });
});
