import { HubspotApiError } from '../../src/hubspot/api-error';
import { itemValidationRefusal, validationRefusalOf } from '../../src/hubspot/validation-refusal';

const answer = (status: number, body: unknown) =>
  new HubspotApiError({
    status,
    operation: 'contacts.batchUpdate',
    portalId: 1,
    body,
    category: typeof body === 'object' && body !== null ? (body as { category?: string }).category : undefined,
  });

describe('what HubSpot said when it refused a write for the portal\u2019s validation rules', () => {
  it('reads the per-property list HubSpot puts in its message (property validation rules, documented since 2023)', () => {
    const message =
      'Property values were not valid: [{"isValid":false,"message":"Enter only letters","error":"INVALID_ALPHA","name":"firstname"},' +
      '{"isValid":false,"message":"Enter only letters","error":"INVALID_ALPHA","name":"lastname"}]';
    expect(validationRefusalOf(answer(400, { status: 'error', message, correlationId: 'c', category: 'VALIDATION_ERROR' }))).toEqual({
      message: 'Enter only letters',
      properties: ['firstname', 'lastname'],
      codes: ['INVALID_ALPHA'],
    });
  });

  it('reads the errors array, naming the properties in context.propertyName', () => {
    const body = {
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: 'Validation failed',
      errors: [{ message: 'closedate is required', code: 'REQUIRED_PROPERTY', context: { propertyName: ['closedate'] } }],
    };
    expect(validationRefusalOf(answer(400, body))).toEqual({ message: 'closedate is required', properties: ['closedate'], codes: ['REQUIRED_PROPERTY'] });
  });

  it('keeps HubSpot\u2019s message as it is when it names no property', () => {
    expect(validationRefusalOf(answer(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'Record does not meet the portal\u2019s rules' }))).toEqual({
      message: 'Record does not meet the portal\u2019s rules',
      properties: [],
      codes: [],
    });
  });

  it('is not a validation refusal for other answers: another category, another status, a network error, anything else', () => {
    expect(validationRefusalOf(answer(400, { category: 'INVALID_AUTHENTICATION', message: 'no' }))).toBeUndefined();
    expect(validationRefusalOf(answer(429, { category: 'VALIDATION_ERROR', message: 'no' }))).toBeUndefined();
    expect(validationRefusalOf(new HubspotApiError({ status: 0, operation: 'x', portalId: 1, body: undefined, code: 'ECONNRESET' }))).toBeUndefined();
    expect(validationRefusalOf(new Error('Property values were not valid'))).toBeUndefined();
  });

  it('reads one item error of a 207 answer', () => {
    expect(
      itemValidationRefusal({ status: 'error', category: 'VALIDATION_ERROR', message: 'company is required', context: { ids: ['7'], propertyName: ['company'] } }),
    ).toEqual({ message: 'company is required', properties: ['company'], codes: [] });
  });
});
