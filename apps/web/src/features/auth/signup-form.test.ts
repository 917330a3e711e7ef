import { describe, expect, it } from 'vitest';
import { prepareSignup, type SignupValues } from './signup-form';

const values: SignupValues = {
  name: 'Ada Lovelace',
  email: ' Ada@Example.com ',
  password: 'correct horse battery',
  organizationName: 'Analytical Engines',
};

describe('prepareSignup', () => {
  it('builds the request from a valid form', () => {
    expect(prepareSignup(values, null)).toEqual({
      ok: true,
      request: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        password: 'correct horse battery',
        organizationName: 'Analytical Engines',
      },
    });
  });

  it('reports short passwords and empty fields', () => {
    const result = prepareSignup({ ...values, password: 'short', name: '', organizationName: '' }, null);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.password).toMatch(/12/);
    expect(result.errors.name).toBe('Name is required');
    expect(result.errors.organizationName).toBe('Organization name is required');
  });

  it('rejects the email as password', () => {
    const result = prepareSignup(
      { ...values, email: 'ada.lovelace@example.com', password: 'ADA.lovelace@example.com' },
      null,
    );
    expect(result).toEqual({
      ok: false,
      errors: { password: 'The password must not be your email address' },
    });
  });

  it('takes email and organization from the invitation', () => {
    const result = prepareSignup(
      { ...values, email: 'ignored@example.com', organizationName: '' },
      {
        token: 'tok',
        preview: {
          email: 'invitee@example.com',
          role: 'viewer',
          organization: { id: 'o1', name: 'Acme', slug: 'acme' },
        },
      },
    );
    expect(result).toEqual({
      ok: true,
      request: {
        name: 'Ada Lovelace',
        email: 'invitee@example.com',
        password: 'correct horse battery',
        organizationName: 'Acme',
        invitationToken: 'tok',
      },
    });
  });
});
