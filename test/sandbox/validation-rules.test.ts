import request from 'supertest';
import { sandboxWithToken } from './harness';

// The emulator's batch update and create routes, as it serves them today.
const BATCH_UPDATE = '/crm/objects/2026-03/contacts/batch/update';
const CREATE = '/crm/objects/2026-03/contacts';

function portalWithRules() {
  const setup = sandboxWithToken();
  const { sandbox, portalId } = setup;
  const ids = ['a', 'b', 'c'].map((key) => sandbox.state.createRecord(portalId, 'contacts', { email: `${key}@example.com`, firstname: key }).id);
  sandbox.state.validationRules.set(portalId, [
    { property: 'industry', rule: 'options', options: ['Software', 'Retail'] },
    { property: 'jobtitle', rule: 'maxLength', maxLength: 10 },
    { property: 'phone', rule: 'pattern', pattern: '^\\+?[0-9 ]+$', message: 'Enter a phone number' },
    { property: 'company', rule: 'required', when: { property: 'hs_lead_status', equals: 'CONNECTED' } },
    { property: 'lastname', rule: 'required' },
  ]);
  return { ...setup, ids, app: sandbox.handler };
}

describe('a portal\u2019s validation rules on API writes (API version 2026-09)', () => {
  it('refuses the whole batch with 400 VALIDATION_ERROR naming each broken property, and writes none of it', async () => {
    const { app, auth, ids, sandbox, portalId } = portalWithRules();
    const res = await request(app)
      .post(BATCH_UPDATE)
      .set(auth)
      .send({
        inputs: [
          { id: ids[0], properties: { industry: 'Software' } },
          { id: ids[1], properties: { industry: 'Mining', phone: 'call me' } },
        ],
      })
      .expect(400);

    expect(res.body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: expect.any(String) });
    expect(res.body.message).toMatch(/^Property values were not valid: /);
    expect(JSON.parse(res.body.message.replace('Property values were not valid: ', ''))).toEqual([
      expect.objectContaining({ isValid: false, name: 'industry', error: 'INVALID_OPTION', message: 'Mining was not one of the allowed options: [Software, Retail]' }),
      expect.objectContaining({ isValid: false, name: 'phone', error: 'INVALID_FORMAT', message: 'Enter a phone number' }),
    ]);
    expect(res.body.errors).toEqual([
      { message: 'Mining was not one of the allowed options: [Software, Retail]', code: 'INVALID_OPTION', context: { propertyName: ['industry'] } },
      { message: 'Enter a phone number', code: 'INVALID_FORMAT', context: { propertyName: ['phone'] } },
    ]);
    expect(sandbox.state.properties(portalId, 'contacts', ids[0]!)?.industry).toBeUndefined();
  });

  it('checks a conditional required property against the record as the write would leave it', async () => {
    const { app, auth, ids, sandbox, portalId } = portalWithRules();
    const refused = await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[0], properties: { hs_lead_status: 'CONNECTED' } }] }).expect(400);
    expect(refused.body.errors).toEqual([{ message: 'company is required', code: 'REQUIRED_PROPERTY', context: { propertyName: ['company'] } }]);

    sandbox.state.setProperties(portalId, 'contacts', ids[0]!, { company: 'Acme' });
    await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[0], properties: { hs_lead_status: 'CONNECTED' } }] }).expect(200);
    await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[1], properties: { hs_lead_status: 'NEW' } }] }).expect(200);
  });

  it('applies an unconditional required property to creates, and to updates that would empty it', async () => {
    const { app, auth, ids } = portalWithRules();
    const created = await request(app).post(CREATE).set(auth).send({ properties: { email: 'new@example.com' } }).expect(400);
    expect(created.body).toMatchObject({ category: 'VALIDATION_ERROR', errors: [{ code: 'REQUIRED_PROPERTY', context: { propertyName: ['lastname'] } }] });
    await request(app).post(CREATE).set(auth).send({ properties: { email: 'new@example.com', lastname: 'New' } }).expect(201);

    await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[0], properties: { firstname: 'Ann' } }] }).expect(200);
    await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[0], properties: { lastname: '' } }] }).expect(400);
  });

  it('checks lengths, leaves other object types alone, and accepts everything once the rules are cleared', async () => {
    const { app, auth, ids, sandbox, portalId } = portalWithRules();
    const tooLong = await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[2], properties: { jobtitle: 'Vice President' } }] }).expect(400);
    expect(tooLong.body.errors).toEqual([{ message: 'jobtitle must be at most 10 characters', code: 'TOO_LONG', context: { propertyName: ['jobtitle'] } }]);
    await request(app).post('/crm/objects/2026-03/companies').set(auth).send({ properties: { name: 'Acme' } }).expect(201);

    sandbox.state.validationRules.clear(portalId);
    await request(app).post(BATCH_UPDATE).set(auth).send({ inputs: [{ id: ids[2], properties: { jobtitle: 'Vice President' } }] }).expect(200);
  });

  it('refuses a rule with a pattern that is not a regular expression when it is set', () => {
    const { sandbox, portalId } = portalWithRules();
    expect(() => sandbox.state.validationRules.set(portalId, [{ property: 'phone', rule: 'pattern', pattern: '([' }])).toThrow(SyntaxError);
  });
});
