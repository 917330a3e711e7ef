import type { TokenPair } from '@promptops/contracts';

export const REFRESH_TOKEN_KEY = 'promptops.refreshToken';

export interface TokenStore {
  read(): string | null;
  write(token: string | null): void;
}

/** Runs `task` while holding a lock shared by every tab of this origin (Web Locks), or directly. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface AuthSessionOptions {
  store: TokenStore;
  /** POSTs the refresh token; resolves to the new pair, to null when the server refuses it (401), or throws. */
  exchange: (refreshToken: string) => Promise<TokenPair | null>;
  withLock?: LockRunner;
}

const runDirectly: LockRunner = (_name, task) => task();

/**
 * Holds the access token in memory and the refresh token in storage, and refreshes them.
 *
 * Refresh tokens are single use: presenting one twice revokes the whole family and logs the
 * user out. So refreshing is single-flight (concurrent 401s share one call), a request whose
 * token was already replaced just retries with the new one, and tabs serialise on a lock and
 * re-read storage, so a token rotated by another tab is never presented again.
 */
export class AuthSession {
  private accessToken: string | null = null;
  private inFlight: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly store: TokenStore;
  private readonly exchange: AuthSessionOptions['exchange'];
  private readonly withLock: LockRunner;

  constructor(options: AuthSessionOptions) {
    this.store = options.store;
    this.exchange = options.exchange;
    this.withLock = options.withLock ?? runDirectly;
  }

  getAccessToken(): string | null {
    return this.accessToken;
  }

  hasRefreshToken(): boolean {
    return this.store.read() !== null;
  }

  getRefreshToken(): string | null {
    return this.store.read();
  }

  setTokens(tokens: TokenPair): void {
    this.accessToken = tokens.accessToken;
    this.store.write(tokens.refreshToken);
  }

  /** Forgets both tokens and tells subscribers the user is signed out. */
  clear(): void {
    const hadSession = this.accessToken !== null || this.store.read() !== null;
    this.accessToken = null;
    this.store.write(null);
    if (hadSession) this.listeners.forEach((listener) => listener());
  }

  /** Called when the session ends involuntarily (refresh refused); returns an unsubscribe function. */
  onSignedOut(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Returns an access token that is newer than `rejectedToken` (the one a 401 came back for),
   * refreshing at most once however many callers ask at the same time. Resolves to null when
   * the session is over.
   */
  async renewAfter(rejectedToken: string | null): Promise<string | null> {
    if (this.accessToken !== null && this.accessToken !== rejectedToken) return this.accessToken;
    return this.refresh();
  }

  /** Single-flight refresh. Network and server errors propagate and keep the session. */
  refresh(): Promise<string | null> {
    this.inFlight ??= this.withLock(REFRESH_TOKEN_KEY, () => this.exchangeStoredToken()).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async exchangeStoredToken(): Promise<string | null> {
    // Read inside the lock: another tab may have rotated the token while we waited.
    const refreshToken = this.store.read();
    if (refreshToken === null) {
      this.clear();
      return null;
    }
    const pair = await this.exchange(refreshToken);
    if (pair === null) {
      this.clear();
      return null;
    }
    this.setTokens(pair);
    return pair.accessToken;
  }
}

export function localStorageTokenStore(key = REFRESH_TOKEN_KEY): TokenStore {
  return {
    read: () => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    write: (token) => {
      try {
        if (token === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, token);
      } catch {
        // Storage can be unavailable (private mode, quota); the session then lasts until reload.
      }
    },
  };
}

export const webLocksRunner: LockRunner = <T>(name: string, task: () => Promise<T>): Promise<T> => {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    // The lock callback's promise is awaited by request(), so this resolves to T.
    return navigator.locks.request(name, task) as Promise<T>;
  }
  return task();
};
