import { describe, expect, it } from 'vitest';
import { LoginRequest } from '@promptops/contracts';
import { ApiError, describeError, fieldName, problemFieldErrors, toProblem, validateWith } from './problem';

describe('toProblem', () => {
  it('keeps the fields of a problem+json body', () => {
    const problem = toProblem(422, 'Unprocessable Entity', {
      type: 'https://promptops.dev/problems/validation',
      title: 'Invalid request',
      status: 422,
      detail: 'The body is invalid',
      errors: [{ path: 'body.email', message: 'Invalid email' }],
      requestId: 'req-1',
    });
    expect(problem).toEqual({
      type: 'https://promptops.dev/problems/validation',
      title: 'Invalid request',
      status: 422,
      detail: 'The body is invalid',
      errors: [{ path: 'body.email', message: 'Invalid email' }],
      requestId: 'req-1',
    });
  });

  it('keeps the newest version of a stale save', () => {
    const stale = toProblem(409, 'Conflict', { title: 'Conflict', status: 409, latestVersion: 5 });
    expect(stale.latestVersion).toBe(5);
    expect(toProblem(409, 'Conflict', { latestVersion: '5' }).latestVersion).toBeUndefined();
  });

  it('makes a generic problem from a non-JSON body', () => {
    expect(toProblem(502, 'Bad Gateway', '<html>oops</html>')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
    });
    expect(toProblem(500, '', undefined).title).toBe('Server error');
  });
});

describe('describeError', () => {
  it('prefers the detail', () => {
    const error = new ApiError({
      type: 'x',
      title: 'Conflict',
      status: 409,
      detail: 'Cannot remove the last admin',
    });
    expect(describeError(error)).toBe('Cannot remove the last admin');
  });

  it('lists field errors when there is no detail', () => {
    const error = new ApiError({
      type: 'x',
      title: 'Invalid request',
      status: 400,
      errors: [
        { path: '/body/email', message: 'Invalid email' },
        { path: '', message: 'Too many fields' },
      ],
    });
    expect(describeError(error)).toBe('Invalid request: Enter a valid email address; Too many fields');
  });

  it('tells how long to wait when rate limited', () => {
    const error = new ApiError({
      type: 'x',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many login attempts.',
      retryAfterSeconds: 29.2,
    });
    expect(describeError(error)).toBe('Too many login attempts. Try again in 30 seconds.');
  });

  it('says the wait once, in minutes, as one sentence', () => {
    const legacy = new ApiError({
      type: 'x',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many login attempts; try again later',
      retryAfterSeconds: 896,
    });
    expect(describeError(legacy)).toBe('Too many login attempts. Try again in 15 minutes.');
    const current = new ApiError({
      type: 'x',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many login attempts; try again in 15 minutes.',
      retryAfterSeconds: 896,
    });
    expect(describeError(current)).toBe('Too many login attempts; try again in 15 minutes.');
  });

  it('handles plain errors and unknown values', () => {
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError(42)).toBe('Something went wrong');
  });
});

describe('field errors', () => {
  it('names a field by the last path segment', () => {
    expect(fieldName('body.email')).toBe('email');
    expect(fieldName('/body/organizationName')).toBe('organizationName');
    expect(fieldName('name')).toBe('name');
  });

  it('keys a problem’s errors by field, first message wins', () => {
    const error = new ApiError({
      type: 'x',
      title: 'Invalid',
      status: 400,
      errors: [
        { path: 'body.password', message: 'Too short' },
        { path: 'body.password', message: 'Too weak' },
        { path: 'body.email', message: 'Taken' },
      ],
    });
    expect(problemFieldErrors(error)).toEqual({ password: 'Too short', email: 'Taken' });
    expect(problemFieldErrors(new Error('x'))).toEqual({});
  });
});

describe('validateWith', () => {
  it('returns the parsed data of a valid form', () => {
    expect(validateWith(LoginRequest, { email: 'Ada@Example.com', password: 'secret' })).toEqual({
      ok: true,
      data: { email: 'ada@example.com', password: 'secret' },
    });
  });

  it('names the field that is required and words zod’s messages for people', () => {
    const result = validateWith(LoginRequest, { email: 'not-an-email', password: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.password).toBe('Password is required');
    expect(result.errors.email).toBe('Enter a valid email address');
  });

  it('turns server-side zod messages into human ones', () => {
    const error = new ApiError({
      type: 'x',
      title: 'Validation Failed',
      status: 400,
      errors: [
        { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'body.organizationName', message: 'Too big: expected string to have <=120 characters' },
        { path: 'body.baseUrl', message: 'Invalid URL' },
        { path: 'body.password', message: 'Password must not be your email address' },
      ],
    });
    expect(problemFieldErrors(error)).toEqual({
      name: 'Name is required',
      organizationName: 'Organization name must have at most 120 characters',
      baseUrl: 'Enter a full URL, like https://example.com',
      password: 'Password must not be your email address',
    });
  });
});
