import { apiJson } from '../../app/api-client';

/** The one-time token from a link: it rides in the fragment (#token=…), never sent to a server. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

export function requestPasswordReset(email: string) {
  return apiJson<{ emailSent: true }>('/auth/password-reset', {
    method: 'POST',
    body: { email },
    anonymous: true,
  });
}

export function confirmPasswordReset(token: string, password: string) {
  return apiJson<null>('/auth/password-reset/confirm', {
    method: 'POST',
    body: { token, password },
    anonymous: true,
  });
}

export function verifyEmail(token: string) {
  return apiJson<null>('/auth/verify-email', { method: 'POST', body: { token }, anonymous: true });
}

export function resendVerificationEmail() {
  return apiJson<{ emailSent: true }>('/me/verification-email', { method: 'POST' });
}
