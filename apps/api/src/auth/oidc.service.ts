import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import * as oidc from 'openid-client';
import { appConfig, oidcConfig, RedisClient } from '#libs/platform';

/** How long a browser has to come back from the identity provider. */
const ATTEMPT_SECONDS = 600;

/** What the browser must come back with: kept in Redis under the state, used once. */
interface Attempt {
  nonce: string;
  verifier: string;
  next: string;
}

/** A sign-in through the identity provider that cannot go on: the page says why (400, 403 or 503). */
export class SingleSignOnError extends HttpException {}

/**
 * Single sign-on by OpenID Connect with `openid-client`: the authorization code flow with PKCE (S256), state and
 * nonce. `begin` keeps the attempt's nonce and PKCE verifier in Redis under a random state, which also goes to the
 * browser in a cookie; `finish` takes the attempt back once (GETDEL), checks the state against the cookie, and lets
 * openid-client exchange the code and check the ID token (issuer, audience, signature, nonce, expiry). It answers
 * the verified email; AuthService.loginVerified matches it to an active user.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private discovered: Promise<oidc.Configuration> | null = null;
  private readonly redirectUri: string;

  constructor(
    @Inject(oidcConfig.KEY) private readonly config: ConfigType<typeof oidcConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    private readonly redis: RedisClient,
  ) {
    this.redirectUri = new URL('/login/oidc/callback', app.publicUrl).toString();
  }

  get enabled(): boolean {
    return this.config.enabled;
  }

  get providerName(): string {
    return this.config.providerName;
  }

  /** The provider's address to send the browser to, and the state to keep in its cookie. */
  async begin(next: string): Promise<{ url: string; state: string }> {
    const configuration = await this.configuration();
    const state = oidc.randomState();
    const attempt: Attempt = { nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    await this.unavailableUnless(() =>
      this.redis.connection.set(this.key(state), JSON.stringify(attempt), 'EX', ATTEMPT_SECONDS),
    );
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.toString(), state };
  }

  /**
   * The provider sent the browser back to `callbackUrl` (with the code and state in its query); `cookieState` is
   * the state this browser was given. Answers the verified email and where to go next.
   */
  async finish(callbackUrl: URL, cookieState: string | undefined): Promise<{ email: string; next: string }> {
    const state = callbackUrl.searchParams.get('state') ?? '';
    if (!cookieState || !/^[\w-]{1,100}$/.test(state) || state !== cookieState) {
      throw new SingleSignOnError(
        'The sign-in did not start in this browser, or it has expired. Sign in again.',
        HttpStatus.BAD_REQUEST,
      );
    }
    const kept = await this.unavailableUnless(() => this.redis.connection.getdel(this.key(state)));
    if (!kept) {
      throw new SingleSignOnError(
        'This sign-in has expired or was already used. Sign in again.',
        HttpStatus.BAD_REQUEST,
      );
    }
    const attempt = JSON.parse(kept) as Attempt;
    const configuration = await this.configuration();
    const callback = new URL(this.redirectUri);
    callback.search = callbackUrl.search;
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      // Providers may keep the scope's claims to the userinfo endpoint (OIDC Core 5.4): ask it, for this subject.
      if (claims && typeof claims.email !== 'string') {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        claims = { ...claims, email: info.email, email_verified: info.email_verified };
      }
    } catch (error) {
      // Its name and code only: the error may quote the provider's response.
      const { name, code } = error as { name?: string; code?: string };
      this.logger.warn(`single sign-on refused: ${name ?? 'error'}${code ? ` (${code})` : ''}`);
      const refused = error instanceof oidc.AuthorizationResponseError;
      throw new SingleSignOnError(
        refused
          ? `${this.config.providerName} did not sign you in. Sign in again.`
          : 'The sign-in could not be completed. Sign in again.',
        HttpStatus.BAD_REQUEST,
      );
    }
    const email = typeof claims?.email === 'string' ? claims.email : '';
    if (!email) {
      throw new SingleSignOnError(
        `${this.config.providerName} did not give an email address, so the system cannot tell who you are.`,
        HttpStatus.FORBIDDEN,
      );
    }
    if (this.config.requireVerifiedEmail && claims?.email_verified !== true) {
      throw new SingleSignOnError(
        `${this.config.providerName} has not verified the email address ${email}, so it cannot sign you in here.`,
        HttpStatus.FORBIDDEN,
      );
    }
    return { email, next: attempt.next };
  }

  /** The provider's metadata, discovered once; after a failure, asked again by the next sign-in. */
  private configuration(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.config.issuer);
      // Plain http is accepted only for a provider on loopback (the configuration allows no other).
      const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
      this.discovered = oidc
        .discovery(issuer, this.config.clientId, this.config.clientSecret, undefined, { execute })
        .catch((error: unknown) => {
          this.discovered = null;
          this.logger.warn(`single sign-on: the identity provider ${issuer.origin} did not answer discovery`);
          throw new SingleSignOnError(
            `Signing in with ${this.config.providerName} is not available just now. Try again in a few minutes.`,
            HttpStatus.SERVICE_UNAVAILABLE,
            { cause: error },
          );
        });
    }
    return this.discovered;
  }

  private async unavailableUnless<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new SingleSignOnError(
        'Signing in is not available just now. Try again in a few minutes.',
        HttpStatus.SERVICE_UNAVAILABLE,
        { cause: error },
      );
    }
  }

  private key(state: string): string {
    return `${this.redis.config.queuePrefix}:oidc:${state}`;
  }
}
