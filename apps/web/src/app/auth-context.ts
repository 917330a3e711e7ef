import { createContext, useContext } from 'react';
import type { LoginRequest, SignupRequest, SignupResponse } from '@promptops/contracts';

export type AuthStatus = 'restoring' | 'signedIn' | 'signedOut' | 'unreachable';

export interface AuthContextValue {
  status: AuthStatus;
  /** Signed out by the user's own logout (not an expired session): no way back to the last page. */
  loggedOut: boolean;
  login(request: LoginRequest): Promise<void>;
  signup(request: SignupRequest): Promise<SignupResponse>;
  logout(): Promise<void>;
  retryRestore(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
