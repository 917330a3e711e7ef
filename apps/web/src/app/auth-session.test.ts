import { describe, expect, it, vi } from 'vitest';
import type { TokenPair } from '@promptops/contracts';
import { AuthSession, type LockRunner, type TokenStore } from './auth-session';

function memoryStore(initial: string | null = null): TokenStore & { value: string | null } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    write(token) {
      this.value = token;
    },
  };
}

/** A refresh endpoint with the server's rules: single use, reuse kills the family. */
function fakeServer(firstToken: string) {
  let current: string | null = firstToken;
  let n = 0;
  const exchange = vi.fn(async (refreshToken: string): Promise<TokenPair | null> => {
    await Promise.resolve();
    if (refreshToken !== current) {
      current = null;
      return null;
    }
    n += 1;
    current = `refresh-${n}`;
    return { accessToken: `access-${n}`, refreshToken: current };
  });
  return { exchange };
}

describe('AuthSession', () => {
  it('shares one refresh call between concurrent callers', async () => {
    const store = memoryStore('refresh-0');
    const server = fakeServer('refresh-0');
    const session = new AuthSession({ store, exchange: server.exchange });
    session.setTokens({ accessToken: 'access-0', refreshToken: 'refresh-0' });

    const results = await Promise.all([session.renewAfter('access-0'), session.renewAfter('access-0')]);

    expect(results).toEqual(['access-1', 'access-1']);
    expect(server.exchange).toHaveBeenCalledTimes(1);
    expect(store.value).toBe('refresh-1');
  });

  it('does not refresh again for a 401 that arrives after the token was already renewed', async () => {
    const store = memoryStore('refresh-0');
    const server = fakeServer('refresh-0');
    const session = new AuthSession({ store, exchange: server.exchange });
    session.setTokens({ accessToken: 'access-0', refreshToken: 'refresh-0' });

    expect(await session.renewAfter('access-0')).toBe('access-1');
    // A slow request sent with access-0 comes back 401 only now.
    expect(await session.renewAfter('access-0')).toBe('access-1');
    expect(server.exchange).toHaveBeenCalledTimes(1);
  });

  it('refreshes again once the renewed token is itself rejected', async () => {
    const server = fakeServer('refresh-0');
    const session = new AuthSession({ store: memoryStore('refresh-0'), exchange: server.exchange });

    expect(await session.refresh()).toBe('access-1');
    expect(await session.renewAfter('access-1')).toBe('access-2');
    expect(server.exchange).toHaveBeenCalledTimes(2);
  });

  it('signs out when the server refuses the refresh token', async () => {
    const store = memoryStore('stolen');
    const session = new AuthSession({ store, exchange: async () => null });
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);

    expect(await session.refresh()).toBeNull();
    expect(store.value).toBeNull();
    expect(session.getAccessToken()).toBeNull();
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when refreshing fails for another reason (network, 5xx)', async () => {
    const store = memoryStore('refresh-0');
    const session = new AuthSession({
      store,
      exchange: async () => {
        throw new Error('offline');
      },
    });
    await expect(session.refresh()).rejects.toThrow('offline');
    expect(store.value).toBe('refresh-0');
    // The failed attempt is not cached: the next call tries again.
    await expect(session.refresh()).rejects.toThrow('offline');
  });

  it('returns null without calling the server when there is no refresh token', async () => {
    const exchange = vi.fn();
    const session = new AuthSession({ store: memoryStore(null), exchange });
    expect(await session.refresh()).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
  });

  it('uses the token another tab rotated while this one waited for the lock', async () => {
    const store = memoryStore('refresh-0');
    const server = fakeServer('refresh-0');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The lock is held by "another tab" until it has rotated the token itself.
    const withLock: LockRunner = async (_name, task) => {
      await gate;
      return task();
    };
    const session = new AuthSession({ store, exchange: server.exchange, withLock });
    const pending = session.refresh();

    const otherTab = await server.exchange('refresh-0');
    if (otherTab) store.write(otherTab.refreshToken);
    release();

    expect(await pending).toBe('access-2');
    expect(store.value).toBe('refresh-2');
  });

  it('clear() forgets both tokens and notifies only when there was a session', () => {
    const store = memoryStore(null);
    const session = new AuthSession({ store, exchange: async () => null });
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);
    session.clear();
    expect(signedOut).not.toHaveBeenCalled();
    session.setTokens({ accessToken: 'a', refreshToken: 'r' });
    session.clear();
    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(session.hasRefreshToken()).toBe(false);
  });
});
