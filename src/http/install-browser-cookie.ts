import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const NAME = 'lm_install';

export interface InstallBrowserCookie {
  /** Gives the browser beginning an install the cookie of its state. */
  bind(res: Response, state: string): void;
  /** Whether the request comes from the browser that was given the cookie of `state`. */
  matches(req: Request, state: string): boolean;
  clear(res: Response): void;
}

/**
 * A single-use state proves only that somebody began an install, not that this browser did: a state issued to
 * an attacker, in a link a victim opens, would complete the install in the victim's browser (login CSRF). So
 * /oauth/install also gives its browser a cookie holding an HMAC of the state, and the callback takes a state
 * only with that cookie. The HMAC key is derived from the token key, so there is no other secret to configure.
 * Lax keeps the cookie on HubSpot's redirect back (a top-level GET); it lives as long as the state does.
 */
export function installBrowserCookie(options: { tokenKey: Buffer; secure: boolean; maxAgeMs: number }): InstallBrowserCookie {
  const key = Buffer.from(hkdfSync('sha256', options.tokenKey, Buffer.alloc(0), 'lead-manager oauth install browser cookie', 32));
  const macOf = (state: string) => createHmac('sha256', key).update(state).digest('base64url');
  const attributes = { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/oauth' } as const;
  return {
    bind(res, state) {
      res.cookie(NAME, macOf(state), { ...attributes, maxAge: options.maxAgeMs });
    },
    matches(req, state) {
      const expected = Buffer.from(macOf(state));
      return cookieValues(req.get('cookie'), NAME).some((value) => {
        const presented = Buffer.from(value);
        return presented.length === expected.length && timingSafeEqual(presented, expected);
      });
    },
    clear(res) {
      res.clearCookie(NAME, attributes);
    },
  };
}

/** Every value the Cookie header gives `name` (a browser may send several, from different paths). */
function cookieValues(header: string | undefined, name: string): string[] {
  return (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
}
