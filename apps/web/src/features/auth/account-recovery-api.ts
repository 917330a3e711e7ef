import { api, publicApi, unwrap } from '../../app/api-client';

/** The one-time token from a link: it rides in the fragment (#token=…), never sent to a server. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

export function requestPasswordReset(email: string) {
  return unwrap(publicApi.POST('/api/v1/auth/password-reset', { body: { email } }));
}

export function confirmPasswordReset(token: string, password: string) {
  return unwrap(publicApi.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));
}

export function verifyEmail(token: string) {
  return unwrap(publicApi.POST('/api/v1/auth/verify-email', { body: { token } }));
}

export function resendVerificationEmail() {
  return unwrap(api.POST('/api/v1/me/verification-email', { body: {} }));
}
