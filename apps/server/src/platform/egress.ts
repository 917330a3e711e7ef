import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

/**
 * SECURITY-CRITICAL. The one egress policy for every outbound URL the server calls (provider
 * base URLs now; webhooks and workflow HTTP tools later), so a configurable URL cannot be used to
 * reach the host's own network (SSRF):
 *
 * - cloud metadata endpoints and link-local addresses are always refused;
 * - private, loopback and other internal ranges are refused unless `allowPrivate` is on
 *   (PROMPTOPS_EGRESS_ALLOW_PRIVATE; on in the embedded default, where local models and the mock
 *   run; container deployments turn it off);
 * - hostnames are resolved and EVERY address is checked, and the connection is made to the address
 *   that was checked (a custom connector), so DNS rebinding between check and connect is useless;
 * - redirects are refused (a redirect could point anywhere, and the SDKs never need one).
 */

export class EgressRefusedError extends Error {
  override readonly name = 'EgressRefusedError';
}

/** Host names that resolve to metadata services inside clouds; refused before any lookup. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Well-known metadata addresses outside the link-local range (AWS IPv6, Alibaba, Oracle). */
const METADATA_ADDRESSES = new Set(['fd00:ec2::254', '100.100.100.200', '192.0.0.192']);

/** ipaddr.js ranges that are internal to a host or site: refused unless private egress is allowed. */
const PRIVATE_RANGES = new Set([
  'private', // 10/8, 172.16/12, 192.168/16
  'loopback', // 127/8, ::1
  'uniqueLocal', // fc00::/7
  'carrierGradeNat', // 100.64/10
  'unspecified', // 0.0.0.0, :: (connects to the local host)
]);

export interface EgressOptions {
  allowPrivate: boolean;
  /** Injected in tests to simulate DNS answers (e.g. a rebinding name). */
  resolve?: (host: string) => Promise<string[]>;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

async function systemResolve(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

export class EgressPolicy {
  readonly allowPrivate: boolean;
  private readonly resolveHost: (host: string) => Promise<string[]>;
  private dispatcher: Agent | undefined;

  constructor(opts: EgressOptions) {
    this.allowPrivate = opts.allowPrivate;
    this.resolveHost = opts.resolve ?? systemResolve;
  }

  /** Why an address is refused, or null when it may be connected to. */
  refusal(address: string): string | null {
    if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
    // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries.
    const ip = ipaddr.process(address);
    const normal = ip.toNormalizedString();
    if (METADATA_ADDRESSES.has(normal) || METADATA_ADDRESSES.has(ip.toString())) {
      return `${address} is a cloud metadata address`;
    }
    const range = ip.range();
    // NAT64, SIIT and 6to4 addresses carry an IPv4 address: judge the embedded one.
    if (ip.kind() === 'ipv6' && (range === 'rfc6052' || range === 'rfc6145' || range === '6to4')) {
      const bytes = (ip as ipaddr.IPv6).toByteArray();
      const v4 = range === '6to4' ? bytes.slice(2, 6) : bytes.slice(12, 16);
      return this.refusal(ipaddr.fromByteArray(v4).toString());
    }
    if (range === 'unicast') return null;
    // Link-local (169.254/16 with the metadata service, fe80::/10), multicast, broadcast, reserved,
    // Teredo and the rest: never a legitimate destination.
    if (!PRIVATE_RANGES.has(range)) return `${address} is a ${range} address`;
    if (!this.allowPrivate) {
      return `${address} is a ${range} address and private egress is disabled (PROMPTOPS_EGRESS_ALLOW_PRIVATE)`;
    }
    return null;
  }

  /** Resolves a host name (or takes an IP literal) and checks every address; returns the addresses. */
  async resolve(hostname: string): Promise<string[]> {
    const host = stripBrackets(hostname).toLowerCase().replace(/\.$/, '');
    if (METADATA_HOSTS.has(host)) throw new EgressRefusedError(`${host} is a cloud metadata host`);
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = await this.resolveHost(host);
      } catch {
        throw new EgressRefusedError(`${host} could not be resolved`);
      }
      if (addresses.length === 0) throw new EgressRefusedError(`${host} could not be resolved`);
    }
    for (const a of addresses) {
      const why = this.refusal(a);
      if (why) throw new EgressRefusedError(isIP(host) ? why : `${host} resolves to ${why}`);
    }
    return addresses;
  }

  /**
   * Checks a URL before it is stored or used: http(s) only, no credentials in it, and a host
   * whose every address passes. The WHATWG parser has already turned numeric forms such as
   * `2130706433` or `0x7f.1` into dotted IPv4, so those are judged as the address they are.
   */
  async checkUrl(raw: string): Promise<URL> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new EgressRefusedError('not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new EgressRefusedError(`${url.protocol} URLs are not allowed; use http or https`);
    }
    if (url.username || url.password) throw new EgressRefusedError('credentials in the URL are not allowed');
    await this.resolve(url.hostname);
    return url;
  }

  /**
   * A fetch for SDK clients: every connection goes to an address this policy checked at connect
   * time (pinned: the TLS name stays the host name), and redirects are refused.
   */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    this.dispatcher ??= this.createDispatcher();
    const res = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      redirect: 'manual',
      dispatcher: this.dispatcher,
    });
    if (res.status >= 300 && res.status < 400 && res.headers.has('location')) {
      await res.body?.cancel();
      throw new EgressRefusedError(
        `the server answered with a redirect (HTTP ${res.status}); redirects are refused`,
      );
    }
    return res as unknown as Response;
  };

  private createDispatcher(): Agent {
    const connectTo = buildConnector({});
    return new Agent({
      connect: (opts, callback) => {
        const hostname = stripBrackets(opts.hostname);
        this.resolve(hostname).then(
          ([address]) =>
            connectTo(
              {
                ...opts,
                hostname: address!,
                // Certificates are checked against the name that was asked for, not the address.
                servername: opts.servername ?? (isIP(hostname) ? undefined : hostname),
              } as typeof opts,
              callback,
            ),
          (err: unknown) => callback(err as Error, null),
        );
      },
    });
  }

  async close(): Promise<void> {
    await this.dispatcher?.close();
    this.dispatcher = undefined;
  }
}

/** The refusal behind an error thrown by fetch or an SDK (they wrap the cause), if any. */
export function egressRefusalOf(err: unknown): EgressRefusedError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    if (e instanceof EgressRefusedError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
