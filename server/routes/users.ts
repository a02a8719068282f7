// Admin routes for accounts: list, create, and change (display name, role, rep link, password
// reset, enable/disable).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createAccount, updateAccount, type Actor } from '../auth/accounts.ts';
import { DisplayName, ErrorBody, IdParams, Password, RepId, RoleSchema, SIGNED_IN, User, Username, authErrors } from '../auth/schemas.ts';
import type { UserRecord } from '../auth/users.ts';
import { listUsers } from '../auth/users.ts';

const toJson = ({ userId, ...rest }: UserRecord) => ({ id: userId, ...rest });
const actorOf = (request: FastifyRequest): Actor => ({ username: request.user!.username, userId: request.user!.userId, ip: request.ip });

export default async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const adminOnly = app.requireRole('admin');

  r.get(
    '/api/users',
    {
      preHandler: adminOnly,
      schema: { tags: ['users'], summary: 'Every account (admin)', security: SIGNED_IN, response: { 200: Type.Object({ rows: Type.Array(User) }), ...authErrors } },
    },
    async () => ({ rows: (await listUsers(app.db)).map(toJson) }),
  );

  r.post(
    '/api/users',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Create an account (admin); supervisors, reps, account managers and assistants need a rep link to see any data',
        security: SIGNED_IN,
        body: Type.Object(
          {
            username: Username,
            displayName: DisplayName,
            password: Password,
            role: RoleSchema,
            repId: Type.Optional(Type.Union([RepId, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...authErrors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await createAccount(app.db, actorOf(request), request.body);
      return reply.code(201).send(toJson(created));
    },
  );

  r.patch(
    '/api/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['users'],
        summary: 'Change an account (admin): display name, role, rep link, password reset, active; a reset or disable signs the user out',
        security: SIGNED_IN,
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(DisplayName),
            role: Type.Optional(RoleSchema),
            repId: Type.Optional(Type.Union([RepId, Type.Null()])),
            password: Type.Optional(Password),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: User, ...authErrors, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => toJson(await updateAccount(app.db, app.auth.sessions, actorOf(request), request.params.id, request.body)),
  );
}
