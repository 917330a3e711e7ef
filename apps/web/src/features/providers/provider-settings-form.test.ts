import { describe, expect, it } from 'vitest';
import {
  formToModelSettings,
  formToSettings,
  modelSettingsToForm,
  PROVIDER_SETTINGS_PLACEHOLDERS,
  settingsToForm,
  summarizeSettings,
  type ProviderSettingsForm,
} from './provider-settings-form';

const empty = settingsToForm({});

describe('provider settings form', () => {
  it('starts empty so the defaults apply, and shows the defaults as placeholders', () => {
    expect(empty).toEqual({
      connectSeconds: '',
      ttftSeconds: '',
      totalSeconds: '',
      maxRetries: '',
      consecutiveFailures: '',
      halfOpenAfterSeconds: '',
      headers: [],
    });
    expect(formToSettings(empty)).toEqual({ ok: true, settings: {} });
    expect(PROVIDER_SETTINGS_PLACEHOLDERS.ttftSeconds).toBe('60 (default)');
    expect(PROVIDER_SETTINGS_PLACEHOLDERS.maxRetries).toBe('2 (default)');
    expect(PROVIDER_SETTINGS_PLACEHOLDERS.halfOpenAfterSeconds).toBe('30 (default)');
  });

  it('round-trips stored settings through the form (seconds ↔ ms)', () => {
    const stored = {
      timeoutMs: { connect: 2500, ttft: 15_000 },
      maxRetries: 0,
      breaker: { consecutiveFailures: 1, halfOpenAfterMs: 5000 },
    };
    const form = settingsToForm(stored);
    expect(form).toMatchObject({ connectSeconds: 2.5, ttftSeconds: 15, totalSeconds: '', maxRetries: 0 });
    expect(formToSettings(form)).toEqual({ ok: true, settings: stored });
  });

  it('shows stored headers by name and hint only, and sends only the changes to merge', () => {
    const stored = [
      { name: 'api-key', hint: '…abcd' },
      { name: 'X-Team', hint: null },
      { name: 'X-Old', hint: null },
    ];
    const names = stored.map((h) => h.name);
    const form = settingsToForm({}, stored);
    expect(form.headers).toEqual([
      { key: 'api-key', value: '', stored: { hint: '…abcd' } },
      { key: 'X-Team', value: '', stored: { hint: null } },
      { key: 'X-Old', value: '', stored: { hint: null } },
    ]);
    // Untouched: nothing about headers is sent, so the stored values stay.
    expect(formToSettings(form, names)).toEqual({ ok: true, settings: {} });
    const edited = {
      ...form,
      headers: [{ ...form.headers[0]!, value: 'new-secret' }, form.headers[1]!, { key: 'X-New', value: 'v' }],
    };
    expect(formToSettings(edited, names)).toEqual({
      ok: true,
      settings: { headers: { 'api-key': 'new-secret', 'X-New': 'v', 'X-Old': null } },
    });
    const duplicate = formToSettings(
      { ...form, headers: [...form.headers, { key: 'x-team', value: '1' }] },
      names,
    );
    expect(duplicate.ok).toBe(false);
  });

  it('validates ranges, whole numbers and timeouts against the total', () => {
    const form: ProviderSettingsForm = {
      ...empty,
      connectSeconds: 0.01,
      maxRetries: 1.5,
      consecutiveFailures: 0,
      totalSeconds: 30,
    };
    const result = formToSettings(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.connectSeconds).toBe('Between 0.1 and 600s');
    expect(result.errors.maxRetries).toBe('Must be a whole number');
    expect(result.errors.consecutiveFailures).toBe('Between 1 and 1000');
    // The default TTFT (60 s) would exceed a 30 s total.
    expect(result.errors.ttftSeconds).toBe('Must not exceed the total timeout (30 s)');
  });

  it('drops blank header rows and rejects bad or duplicate names', () => {
    const ok = formToSettings({
      ...empty,
      headers: [
        { key: '', value: '' },
        { key: ' X-A ', value: '1' },
      ],
    });
    expect(ok).toEqual({ ok: true, settings: { headers: { 'X-A': '1' } } });
    const bad = formToSettings({
      ...empty,
      headers: [
        { key: 'X-A', value: '1' },
        { key: 'x-a', value: '2' },
        { key: 'bad name', value: '3' },
        { key: '', value: 'orphan' },
        { key: 'X-Long', value: 'v'.repeat(2001) },
      ],
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual({
      'headers.1.key': 'Duplicate header',
      'headers.2.key': 'Letters, digits and - only',
      'headers.3.key': 'Name required',
      'headers.4.value': 'At most 2000 characters',
    });
  });

  it('summarizes the effective settings', () => {
    expect(summarizeSettings({})).toBe('timeouts 10/60/600 s · 2 retries · breaker 5 failures / 30 s');
    expect(
      summarizeSettings({ maxRetries: 0, breaker: { consecutiveFailures: 1 } }, [
        { name: 'api-key', hint: '…abcd' },
        { name: 'X-Team', hint: null },
      ]),
    ).toBe('timeouts 10/60/600 s · 0 retries · breaker 1 failures / 30 s · headers api-key …abcd, X-Team');
  });
});

describe('model settings form', () => {
  it('round-trips limits and unsupported parameters', () => {
    const stored = { unsupportedParams: ['temperature' as const], limits: { requestsPerMinute: 1 } };
    const form = modelSettingsToForm(stored);
    expect(form).toEqual({ requestsPerMinute: 1, tokensPerMinute: '', unsupportedParams: ['temperature'] });
    expect(formToModelSettings(form)).toEqual({ ok: true, settings: stored });
    expect(formToModelSettings(modelSettingsToForm(undefined))).toEqual({ ok: true, settings: {} });
  });

  it('rejects limits below 1 or fractional', () => {
    const result = formToModelSettings({ requestsPerMinute: 0, tokensPerMinute: 2.5, unsupportedParams: [] });
    expect(result).toEqual({
      ok: false,
      errors: {
        requestsPerMinute: 'A whole number of at least 1, or empty',
        tokensPerMinute: 'A whole number of at least 1, or empty',
      },
    });
  });
});
