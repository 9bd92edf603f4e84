import request from 'supertest';
import { sandboxWithToken } from './harness';

describe('app uninstalls API', () => {
  it.each(['/appinstalls/2026-03/external-install', '/appinstalls/v3/external-install'])('DELETE %s uninstalls: 204 with no body, then every token of the portal is refused', async (path) => {
    const { sandbox, portalId, auth } = sandboxWithToken();
    const { refreshToken } = sandbox.issueTokens(portalId);

    const answer = await request(sandbox.handler).delete(path).set(auth).expect(204);
    expect(answer.text).toBe('');

    await request(sandbox.handler).get('/crm/owners/2026-03').set(auth).expect(401);
    const refreshed = await request(sandbox.handler)
      .post('/oauth/v1/token')
      .type('form')
      .send({ grant_type: 'refresh_token', client_id: sandbox.app.clientId, client_secret: sandbox.app.clientSecret, refresh_token: refreshToken });
    expect(refreshed.status).toBe(400);
  });

  it('needs a valid access token with the oauth scope', async () => {
    const { sandbox, portalId } = sandboxWithToken();
    await request(sandbox.handler).delete('/appinstalls/2026-03/external-install').expect(401);
    const { accessToken } = sandbox.issueTokens(portalId, ['crm.objects.contacts.read']);
    await request(sandbox.handler).delete('/appinstalls/2026-03/external-install').set({ Authorization: `Bearer ${accessToken}` }).expect(403);
  });
});
