// Sign-in routes: login (sets the session cookie), logout, me, own password change, and the
// demo accounts shown on the login page while demo data exists.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { changeOwnPassword } from '../auth/accounts.ts';
import { audit } from '../auth/audit.ts';
import { listDemoAccounts } from '../auth/demo.ts';
import { login } from '../auth/login.ts';
import { sessionCookieOptions } from '../auth/plugin.ts';
import { SESSION_COOKIE } from '../auth/policy.ts';
import { ErrorBody, Me, Password, RoleSchema, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import type { SessionUser } from '../auth/types.ts';

const me = (user: SessionUser) => ({ username: user.username, displayName: user.displayName, role: user.role, repId: user.repId, csrfToken: user.csrfToken });

function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
}

export default async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      config: { skipCsrf: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the httpOnly session cookie and answers the user with their CSRF token',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      noStore(reply);
      // A new session on every sign-in: an existing one (perhaps planted) is ended, never reused.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await app.auth.sessions.destroy(previous);
      try {
        const { user, session } = await login(app.db, app.auth.sessions, app.auth.clock, {
          username: request.body.username,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, session.secret, sessionCookieOptions(request));
        return { username: user.username, displayName: user.displayName, role: user.role, repId: user.repId, csrfToken: session.csrfToken };
      } catch (err) {
        if (previous) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
        const retry = err instanceof AppError ? (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
        if (retry !== undefined) reply.header('retry-after', String(retry));
        throw err;
      }
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears its cookie (needs x-csrf-token while signed in)',
        response: { 204: Type.Null(), 403: ErrorBody },
      },
    },
    async (request, reply) => {
      noStore(reply);
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) {
        await app.auth.sessions.destroy(secret);
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
      }
      if (request.user?.via === 'session') await audit(app.db, { username: request.user.username, action: 'logout', ip: request.ip });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      preHandler: app.authenticate,
      schema: { tags: ['auth'], summary: 'The signed-in user, with the CSRF token of their session', security: SIGNED_IN, response: { 200: Me, 401: ErrorBody } },
    },
    async (request, reply) => {
      noStore(reply);
      return me(request.user!);
    },
  );

  r.post(
    '/api/auth/password',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Change your own password (the current one is required); your other sessions end',
        security: SIGNED_IN,
        body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...authErrors },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      await changeOwnPassword(app.db, app.auth.sessions, user, {
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ip: request.ip,
        keepSessionSecret: user.via === 'session' ? (request.cookies[SESSION_COOKIE] ?? null) : null,
      });
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/demo-accounts',
    {
      schema: {
        tags: ['auth'],
        summary: 'The demo accounts (one per role) while demo data is loaded; empty otherwise. No login needed.',
        response: {
          200: Type.Array(Type.Object({ username: Type.String(), role: RoleSchema, displayName: Type.String(), passwordHint: Type.String() })),
        },
      },
    },
    async () => listDemoAccounts(app.db),
  );
}
