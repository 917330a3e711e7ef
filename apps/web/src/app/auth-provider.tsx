import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SignupRequest } from '@promptops/contracts';
import { COOKIE_SESSION, publicApi, session, unwrap } from './api-client';
import { AuthContext, type AuthContextValue, type AuthStatus } from './auth-context';

function initialStatus(): AuthStatus {
  if (session.getAccessToken() !== null) return 'signedIn';
  return session.hasSession() ? 'restoring' : 'signedOut';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>(initialStatus);
  const [loggedOut, setLoggedOut] = useState(false);

  useEffect(
    () =>
      session.onSignedOut(() => {
        setStatus('signedOut');
        queryClient.clear();
      }),
    [queryClient],
  );

  // After a reload only the session cookie is left: exchange it for an access token once.
  useEffect(() => {
    if (status !== 'restoring') return;
    let active = true;
    session.refresh().then(
      (token) => active && setStatus(token === null ? 'signedOut' : 'signedIn'),
      () => active && setStatus('unreachable'),
    );
    return () => {
      active = false;
    };
  }, [status]);

  const login = useCallback<AuthContextValue['login']>(async (request) => {
    const response = await unwrap(
      publicApi.POST('/api/v1/auth/login', { params: COOKIE_SESSION, body: request }),
    );
    session.signIn(response.accessToken);
    setLoggedOut(false);
    setStatus('signedIn');
  }, []);

  const signup = useCallback(async (request: SignupRequest) => {
    const response = await unwrap(
      publicApi.POST('/api/v1/auth/signup', { params: COOKIE_SESSION, body: request }),
    );
    session.signIn(response.accessToken);
    setLoggedOut(false);
    setStatus('signedIn');
    return response;
  }, []);

  const logout = useCallback(async () => {
    try {
      // Revokes the session and clears the cookie (only the server can: scripts never see it).
      await unwrap(publicApi.POST('/api/v1/auth/logout', { params: COOKIE_SESSION, body: {} }));
    } finally {
      // Sign out locally even when the server could not be told; the token then just expires.
      setLoggedOut(true);
      session.clear();
      queryClient.clear();
      setStatus('signedOut');
    }
  }, [queryClient]);

  const retryRestore = useCallback(() => setStatus('restoring'), []);

  const value = useMemo<AuthContextValue>(
    () => ({ status, loggedOut, login, signup, logout, retryRestore }),
    [status, loggedOut, login, signup, logout, retryRestore],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
