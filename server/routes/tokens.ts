// The caller's API tokens: create (the secret is shown once), list, revoke.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { notFound } from '../errors.ts';
import { audit } from '../auth/audit.ts';
import { ErrorBody, IdParams, SIGNED_IN, Token, authErrors } from '../auth/schemas.ts';
import { createToken, listTokens, revokeToken } from '../auth/tokens.ts';

export default async function tokenRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/tokens',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token acting as you (your role and scope); the secret is shown only in this answer',
        security: SIGNED_IN,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: { 201: Type.Intersect([Token, Type.Object({ secret: Type.String({ description: 'Send as "Authorization: Bearer <secret>".' }) })]), ...authErrors },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      const token = await createToken(app.db, app.auth.clock, user.userId, request.body.name.trim());
      await audit(app.db, { username: user.username, action: 'token_created', detail: { tokenId: token.id, name: token.name, prefix: token.prefix }, ip: request.ip });
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(token);
    },
  );

  r.get(
    '/api/tokens',
    {
      preHandler: app.authenticate,
      schema: { tags: ['tokens'], summary: 'Your API tokens that still work (never their secrets)', security: SIGNED_IN, response: { 200: Type.Object({ rows: Type.Array(Token) }), ...authErrors } },
    },
    async (request) => ({ rows: await listTokens(app.db, request.user!.userId) }),
  );

  r.delete(
    '/api/tokens/:id',
    {
      preHandler: app.authenticate,
      schema: { tags: ['tokens'], summary: 'Revoke one of your API tokens', security: SIGNED_IN, params: IdParams, response: { 204: Type.Null(), ...authErrors, 404: ErrorBody } },
    },
    async (request, reply) => {
      const user = request.user!;
      const revoked = await revokeToken(app.db, app.auth.clock, user.userId, request.params.id);
      if (!revoked) throw notFound(`You have no token ${request.params.id}.`);
      app.auth.tokens.forget();
      await audit(app.db, { username: user.username, action: 'token_revoked', detail: { tokenId: revoked.id, name: revoked.name }, ip: request.ip });
      return reply.code(204).send(null);
    },
  );
}
