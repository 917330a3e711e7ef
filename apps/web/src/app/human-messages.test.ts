import { describe, expect, it } from 'vitest';
import { describeWait, fieldLabel, humanMessage } from './human-messages';

describe('human messages', () => {
  it('labels fields the way a form does', () => {
    expect(fieldLabel('organizationName')).toBe('Organization name');
    expect(fieldLabel('baseUrl')).toBe('Base URL');
    expect(fieldLabel('inputPricePerMTok')).toBe('Input price');
    expect(fieldLabel('maxTokens')).toBe('Max tokens');
    expect(fieldLabel('')).toBe('This field');
  });

  it('rewrites zod defaults and keeps messages written for people', () => {
    expect(humanMessage('name', 'Too small: expected string to have >=1 characters')).toBe(
      'Name is required',
    );
    expect(humanMessage('password', 'Too small: expected string to have >=12 characters')).toBe(
      'Password must have at least 12 characters',
    );
    expect(humanMessage('temperature', 'Too big: expected number to be <=2')).toBe(
      'Temperature must be at most 2',
    );
    expect(humanMessage('role', 'Invalid option: expected one of "admin"|"editor"|"viewer"')).toBe(
      'Role must be one of admin, editor, viewer',
    );
    expect(humanMessage('email', 'Invalid input: expected string, received undefined')).toBe(
      'Email is required',
    );
    expect(humanMessage('email', 'Already registered')).toBe('Already registered');
  });

  it('describes waits in minutes above a minute', () => {
    expect(describeWait(896)).toBe('15 minutes');
    expect(describeWait(60)).toBe('1 minute');
    expect(describeWait(29.2)).toBe('30 seconds');
    expect(describeWait(0.5)).toBe('1 second');
  });
});
