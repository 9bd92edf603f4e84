import { randomBytes } from 'node:crypto';
import { TokenCipher } from '../../src/store/token-cipher';

describe('token cipher', () => {
  const cipher = new TokenCipher(randomBytes(32));

  it('round-trips a token and never shows it in the sealed form', () => {
    const token = 'CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4';
    const sealed = cipher.encrypt(token, 42);
    expect(sealed).not.toContain(token);
    expect(sealed).not.toContain(Buffer.from(token).toString('base64'));
    expect(cipher.decrypt(sealed, 42)).toBe(token);
  });

  it('seals the same token differently each time', () => {
    expect(cipher.encrypt('same', 1)).not.toBe(cipher.encrypt('same', 1));
  });

  it('refuses a ciphertext moved to another portal, tampered with, or sealed with another key', () => {
    const sealed = cipher.encrypt('secret', 42);
    expect(() => cipher.decrypt(sealed, 43)).toThrow();
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    expect(() => cipher.decrypt([...parts.slice(0, 3), body.toString('base64')].join(':'), 42)).toThrow();
    expect(() => new TokenCipher(randomBytes(32)).decrypt(sealed, 42)).toThrow();
  });

  it('accepts only 32-byte keys', () => {
    expect(() => new TokenCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
