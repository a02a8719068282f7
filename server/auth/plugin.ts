// The auth plugin: resolves request.user from the session cookie or a Bearer token, refuses
// state-changing cookie requests without the session's CSRF token, and offers app.authenticate,
// app.requireRole(...) and request.scope() (the one scope function, computed once per request).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { AppError } from '../errors.ts';
import { systemClock, type Clock } from './clock.ts';
import { sameSecret } from './crypto.ts';
import { SESSION_COOKIE } from './policy.ts';
import { scopeFor } from './scope.ts';
import { SessionStore } from './sessions.ts';
import { TokenResolver } from './tokens.ts';
import type { Role, Scope, SessionUser } from './types.ts';

export { assertFilterAllowed, assertRepVisible, scopeFilter } from './scope.ts';

export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface AuthRuntime {
  /** The time source of sessions and lockouts; tests replace it to move time forward. */
  clock: Clock;
  sessions: SessionStore;
  tokens: TokenResolver;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthRuntime;
    /** preHandler: 401 without a signed-in user, 403 on a cookie write without x-csrf-token. */
    authenticate: AuthHook;
    /** preHandler: as authenticate, then 403 unless the user has one of the roles. */
    requireRole(...roles: readonly Role[]): AuthHook;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** The caller's data scope (scopeFor), computed once per request. */
    scope(): Promise<Scope>;
  }
  interface FastifyContextConfig {
    /** Takes state-changing cookie requests without x-csrf-token (sign-in, which starts a session). */
    skipCsrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Sign in first, or send an API token as "Authorization: Bearer …".');
const csrfFailed = () =>
  new AppError(403, 'csrf_failed', 'This request needs your session\'s x-csrf-token header (GET /api/auth/me answers it); reload the page if it persists.');

/** Session cookie flags: httpOnly, SameSite=Lax, Secure whenever the request came over HTTPS. */
export function sessionCookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' };
}

function csrfProblem(request: FastifyRequest): boolean {
  const user = request.user;
  if (!user || user.via !== 'session' || SAFE_METHODS.has(request.method)) return false;
  if (request.routeOptions.config?.skipCsrf) return false;
  const sent = request.headers['x-csrf-token'];
  return typeof sent !== 'string' || !user.csrfToken || !sameSecret(sent, user.csrfToken);
}

async function resolveUser(runtime: AuthRuntime, request: FastifyRequest): Promise<SessionUser | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    // An Authorization header decides alone: a bad token never falls back to the cookie.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ? runtime.tokens.resolve(match[1]) : null;
  }
  const secret = request.cookies?.[SESSION_COOKIE];
  return secret ? runtime.sessions.resolve(secret) : null;
}

export default fp(
  async function auth(app: FastifyInstance, opts: { clock?: Clock }) {
    const onBackgroundError = (err: unknown) => app.log.warn({ err }, 'sign-in bookkeeping write failed');
    const runtime: AuthRuntime = {
      clock: opts.clock ?? systemClock,
      sessions: new SessionStore(app.db, () => runtime.clock, onBackgroundError),
      tokens: new TokenResolver(app.db, () => runtime.clock, onBackgroundError),
    };
    app.decorate('auth', runtime);

    // Scopes change only when the roster does, which bumps the data version.
    const scopeCache = new Map<string, Promise<Scope>>();
    let cachedVersion = app.db.dataVersion;
    const cachedScope = (user: SessionUser): Promise<Scope> => {
      if (cachedVersion !== app.db.dataVersion || scopeCache.size > 1000) {
        scopeCache.clear();
        cachedVersion = app.db.dataVersion;
      }
      const key = `${user.role}\u0001${user.repId ?? ''}`;
      let found = scopeCache.get(key);
      if (!found) {
        found = scopeFor(app.db, user);
        scopeCache.set(key, found);
        found.catch(() => scopeCache.delete(key));
      }
      return found;
    };

    const perRequest = new WeakMap<FastifyRequest, Promise<Scope>>();
    app.decorateRequest('user', null);
    app.decorateRequest('scope', function scope(this: FastifyRequest): Promise<Scope> {
      let found = perRequest.get(this);
      if (!found) {
        found = this.user ? cachedScope(this.user) : Promise.reject(unauthenticated());
        perRequest.set(this, found);
      }
      return found;
    });

    // Sessions and tokens are looked up once and remembered. Any write may revoke a token, end a
    // session or change a user (role, rep, password, active), whichever code runs it, and the
    // database file has no other writer: so every write forgets the remembered lookups.
    const stopForgetting = app.db.onWrite(() => {
      runtime.sessions.forget();
      runtime.tokens.forget();
    });
    app.addHook('onClose', async () => stopForgetting());

    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/api/')) return;
      request.user = await resolveUser(runtime, request);
      // Every state-changing cookie request carries the CSRF token, whatever the route.
      if (csrfProblem(request)) throw csrfFailed();
    });

    const authenticate: AuthHook = async (request) => {
      if (!request.user) throw unauthenticated();
      if (csrfProblem(request)) throw csrfFailed();
    };
    app.decorate('authenticate', authenticate);
    app.decorate('requireRole', (...roles: readonly Role[]): AuthHook => {
      const allowed = new Set<Role>(roles);
      return async (request, reply) => {
        await authenticate(request, reply);
        if (!allowed.has(request.user!.role)) throw new AppError(403, 'forbidden', 'Your role may not do this.');
      };
    });
  },
  { name: 'auth', dependencies: ['database', '@fastify/cookie'] },
);
