import { describe, expect, it, vi } from 'vitest';
import { AuthSession, type LockRunner, type SessionHintStore } from './auth-session';

function memoryHint(initial: boolean): SessionHintStore & { value: boolean } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    write(present) {
      this.value = present;
    },
  };
}

/**
 * A browser's cookie jar and a refresh endpoint with the server's rules: the cookie is single use
 * (reuse kills the session), each refresh leaves the next one in the jar.
 */
function fakeServer() {
  const jar = { cookie: 'refresh-0' as string | null };
  let current: string | null = 'refresh-0';
  let n = 0;
  const exchange = vi.fn(async (): Promise<string | null> => {
    const sent = jar.cookie;
    await Promise.resolve();
    if (sent === null || sent !== current) {
      current = null;
      return null;
    }
    n += 1;
    current = `refresh-${n}`;
    jar.cookie = current;
    return `access-${n}`;
  });
  return { exchange, jar };
}

describe('AuthSession', () => {
  it('shares one refresh call between concurrent callers', async () => {
    const server = fakeServer();
    const session = new AuthSession({ store: memoryHint(true), exchange: server.exchange });
    session.signIn('access-0');

    const results = await Promise.all([session.renewAfter('access-0'), session.renewAfter('access-0')]);

    expect(results).toEqual(['access-1', 'access-1']);
    expect(server.exchange).toHaveBeenCalledTimes(1);
    expect(server.jar.cookie).toBe('refresh-1');
  });

  it('does not refresh again for a 401 that arrives after the token was already renewed', async () => {
    const server = fakeServer();
    const session = new AuthSession({ store: memoryHint(true), exchange: server.exchange });
    session.signIn('access-0');

    expect(await session.renewAfter('access-0')).toBe('access-1');
    // A slow request sent with access-0 comes back 401 only now.
    expect(await session.renewAfter('access-0')).toBe('access-1');
    expect(server.exchange).toHaveBeenCalledTimes(1);
  });

  it('refreshes again once the renewed token is itself rejected', async () => {
    const server = fakeServer();
    const session = new AuthSession({ store: memoryHint(true), exchange: server.exchange });

    expect(await session.refresh()).toBe('access-1');
    expect(await session.renewAfter('access-1')).toBe('access-2');
    expect(server.exchange).toHaveBeenCalledTimes(2);
  });

  it('signs out when the server refuses the session cookie', async () => {
    const store = memoryHint(true);
    const session = new AuthSession({ store, exchange: async () => null });
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);

    expect(await session.refresh()).toBeNull();
    expect(store.value).toBe(false);
    expect(session.getAccessToken()).toBeNull();
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('keeps the session when refreshing fails for another reason (network, 5xx)', async () => {
    const store = memoryHint(true);
    const session = new AuthSession({
      store,
      exchange: async () => {
        throw new Error('offline');
      },
    });
    await expect(session.refresh()).rejects.toThrow('offline');
    expect(store.value).toBe(true);
    // The failed attempt is not cached: the next call tries again.
    await expect(session.refresh()).rejects.toThrow('offline');
  });

  it('returns null without calling the server when there is no session', async () => {
    const exchange = vi.fn();
    const session = new AuthSession({ store: memoryHint(false), exchange });
    expect(await session.refresh()).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
  });

  it('sends the cookie another tab rotated while this one waited for the lock', async () => {
    const store = memoryHint(true);
    const server = fakeServer();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The lock is held by "another tab" until it has rotated the cookie itself.
    const withLock: LockRunner = async (_name, task) => {
      await gate;
      return task();
    };
    const session = new AuthSession({ store, exchange: server.exchange, withLock });
    const pending = session.refresh();

    expect(await server.exchange()).toBe('access-1');
    release();

    expect(await pending).toBe('access-2');
    expect(server.jar.cookie).toBe('refresh-2');
  });

  it('signs out without calling the server when another tab signed out while this one waited', async () => {
    const store = memoryHint(true);
    const exchange = vi.fn(async () => 'access-1');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const withLock: LockRunner = async (_name, task) => {
      await gate;
      return task();
    };
    const session = new AuthSession({ store, exchange, withLock });
    session.signIn('access-0');
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);
    const pending = session.renewAfter('access-0');

    store.write(false);
    release();

    expect(await pending).toBeNull();
    expect(exchange).not.toHaveBeenCalled();
    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(session.getAccessToken()).toBeNull();
  });

  it('clear() forgets the session and notifies only when there was one', () => {
    const store = memoryHint(false);
    const session = new AuthSession({ store, exchange: async () => null });
    const signedOut = vi.fn();
    session.onSignedOut(signedOut);
    session.clear();
    expect(signedOut).not.toHaveBeenCalled();
    session.signIn('a');
    expect(session.hasSession()).toBe(true);
    session.clear();
    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(session.hasSession()).toBe(false);
    expect(session.getAccessToken()).toBeNull();
  });
});
