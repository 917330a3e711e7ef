/** Non-secret marker that this browser probably holds a session cookie (the token itself is httpOnly). */
export const SESSION_HINT_KEY = 'promptops.session';
/** Where earlier versions kept the refresh token itself; removed on start. */
const LEGACY_REFRESH_TOKEN_KEY = 'promptops.refreshToken';
/** The Web Locks name every tab of this origin refreshes under. */
export const REFRESH_LOCK = 'promptops.refresh';

/** Remembers whether a session exists, so a reload knows to restore it. */
export interface SessionHintStore {
  read(): boolean;
  write(present: boolean): void;
}

/** Runs `task` while holding a lock shared by every tab of this origin (Web Locks), or directly. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface AuthSessionOptions {
  store: SessionHintStore;
  /**
   * Asks the server to rotate the session cookie; resolves to the new access token, to null when
   * the server refuses (no or dead session), or throws (network, 5xx).
   */
  exchange: () => Promise<string | null>;
  withLock?: LockRunner;
}

const runDirectly: LockRunner = (_name, task) => task();

/**
 * Holds the access token in memory and refreshes it. The refresh token lives in an httpOnly
 * cookie that scripts never see; the browser sends it to the refresh endpoint.
 *
 * Refresh tokens are single use: presenting one twice (outside a short server-side grace)
 * revokes the whole family and logs the user out. So refreshing is single-flight (concurrent
 * 401s share one call), a request whose token was already replaced just retries with the new
 * one, and tabs serialise on a lock, so the cookie a tab sends is the one the previous tab's
 * refresh left in the browser.
 */
export class AuthSession {
  private accessToken: string | null = null;
  private inFlight: Promise<string | null> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly store: SessionHintStore;
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

  /** Whether a session (cookie) is believed to exist: signed in here or in another tab. */
  hasSession(): boolean {
    return this.store.read();
  }

  /** After login, signup or a refresh: the new access token (the cookie was set by the server). */
  signIn(accessToken: string): void {
    this.accessToken = accessToken;
    this.store.write(true);
  }

  /** Forgets the session and tells subscribers the user is signed out. */
  clear(): void {
    const hadSession = this.accessToken !== null || this.store.read();
    this.accessToken = null;
    this.store.write(false);
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
    this.inFlight ??= this.withLock(REFRESH_LOCK, () => this.exchangeCookie()).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async exchangeCookie(): Promise<string | null> {
    // Checked inside the lock: another tab may have signed out while we waited.
    if (!this.store.read()) {
      this.clear();
      return null;
    }
    const accessToken = await this.exchange();
    if (accessToken === null) {
      this.clear();
      return null;
    }
    this.signIn(accessToken);
    return accessToken;
  }
}

export function localStorageSessionHint(key = SESSION_HINT_KEY): SessionHintStore {
  try {
    // Refresh tokens no longer belong in script-readable storage; an old one is dropped unused.
    window.localStorage.removeItem(LEGACY_REFRESH_TOKEN_KEY);
  } catch {
    // Storage unavailable: nothing to clean up.
  }
  return {
    read: () => {
      try {
        return window.localStorage.getItem(key) === '1';
      } catch {
        return false;
      }
    },
    write: (present) => {
      try {
        if (present) window.localStorage.setItem(key, '1');
        else window.localStorage.removeItem(key);
      } catch {
        // Storage can be unavailable (private mode, quota); a reload then asks for a new login.
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
