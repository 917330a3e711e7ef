import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EgressPolicy, EgressRefusedError, egressRefusalOf } from './egress.js';

const strict = new EgressPolicy({ allowPrivate: false });
const open = new EgressPolicy({ allowPrivate: true });

let server: Server;
let port: number;
let hits = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits += 1;
    if (req.url === '/redirect') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all([strict.close(), open.close()]);
  await new Promise((r) => server.close(r));
});

describe('egress policy', () => {
  it('always refuses cloud metadata and link-local addresses, even with private egress allowed', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://metadata.google.internal./',
      'http://169.254.10.1/',
      'http://[fe80::1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://2852039166/', // 169.254.169.254 as one number
      'http://0xa9.0xfe.0xa9.0xfe/',
      'http://224.0.0.1/',
    ]) {
      await expect(open.checkUrl(url), url).rejects.toBeInstanceOf(EgressRefusedError);
    }
  });

  it('refuses loopback and private addresses in every numeric spelling when private egress is off', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[64:ff9b::7f00:1]/', // NAT64 of 127.0.0.1
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://[fc00::1]/',
    ]) {
      await expect(strict.checkUrl(url), url).rejects.toBeInstanceOf(EgressRefusedError);
      if (!url.includes('0.0.0.0')) await expect(open.checkUrl(url), url).resolves.toBeInstanceOf(URL);
    }
    await expect(strict.checkUrl('https://93.184.215.14/v1')).resolves.toBeInstanceOf(URL);
  });

  it('refuses other schemes and credentials in URLs', async () => {
    await expect(open.checkUrl('file:///etc/passwd')).rejects.toThrow(/not allowed/);
    await expect(open.checkUrl('http://user:pw@example.com/')).rejects.toThrow(/credentials/);
  });

  it('checks every address a name resolves to', async () => {
    const policy = new EgressPolicy({
      allowPrivate: false,
      resolve: async () => ['93.184.215.14', '10.0.0.5'],
    });
    await expect(policy.checkUrl('https://mixed.example/')).rejects.toThrow(
      /10\.0\.0\.5 is a private address/,
    );
  });

  it('pins connections to the checked address: a name that rebinds to loopback after the check is refused', async () => {
    let calls = 0;
    const policy = new EgressPolicy({
      allowPrivate: false,
      resolve: async () => (calls++ === 0 ? ['93.184.215.14'] : ['127.0.0.1']),
    });
    await expect(policy.checkUrl(`http://rebind.example:${port}/`)).resolves.toBeInstanceOf(URL);
    const before = hits;
    const err = await policy.fetch(`http://rebind.example:${port}/`).catch((e: unknown) => e);
    expect(egressRefusalOf(err)?.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(hits).toBe(before);
    await policy.close();
  });

  it('connects to allowed addresses and refuses redirects', async () => {
    const ok = await open.fetch(`http://127.0.0.1:${port}/`);
    expect(await ok.text()).toBe('ok');
    await expect(open.fetch(`http://127.0.0.1:${port}/redirect`)).rejects.toThrow(/redirects are refused/);
    const refused = await strict.fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(egressRefusalOf(refused)).toBeInstanceOf(EgressRefusedError);
  });
});
