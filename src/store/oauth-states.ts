import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db';

const hash = (state: string) => createHash('sha256').update(state).digest('hex');

/** Single-use, expiring OAuth `state` values (CSRF protection for the install flow). Only hashes are stored. */
export class OAuthStateStore {
  constructor(
    private readonly db: Db,
    /** How long a state can be used; the install's browser cookie lives as long. */
    readonly ttlMs = 10 * 60_000,
  ) {}

  async issue(now: Date): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    await this.db.query('INSERT INTO oauth_states (state_hash, created_at, expires_at) VALUES ($1, $2, $3)', [
      hash(state),
      now,
      new Date(now.getTime() + this.ttlMs),
    ]);
    return state;
  }

  /** True once for a state that was issued and has not expired; false for anything else, ever after. */
  async consume(state: string, now: Date): Promise<boolean> {
    const rows = await this.db.query<{ expires_at: Date }>(
      'DELETE FROM oauth_states WHERE state_hash = $1 RETURNING expires_at',
      [hash(state)],
    );
    const row = rows[0];
    return row !== undefined && row.expires_at.getTime() > now.getTime();
  }

  async deleteExpired(now: Date): Promise<number> {
    const rows = await this.db.query('DELETE FROM oauth_states WHERE expires_at <= $1 RETURNING 1', [now]);
    return rows.length;
  }
}
