import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'promptops';
const AUDIENCE = 'promptops-api';

export interface AccessClaims {
  userId: string;
  email: string;
}

export interface VerifiedAccessClaims extends AccessClaims {
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
}

export async function signAccessToken(
  key: Uint8Array,
  claims: AccessClaims,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({ email: claims.email, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key);
}

/** Returns the claims, or undefined for any invalid, expired or foreign token. */
export async function verifyAccessToken(
  key: Uint8Array,
  token: string,
): Promise<VerifiedAccessClaims | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      // jose checks exp only when present: a signed token without one would never expire.
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    if (payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.email !== 'string')
      return undefined;
    return { userId: payload.sub, email: payload.email, expiresAt: payload.exp! * 1000 };
  } catch (err) {
    if (err instanceof errors.JOSEError) return undefined;
    throw err;
  }
}
