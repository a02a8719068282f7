// TypeBox schemas shared by the auth, users, tokens and audit routes (validation + OpenAPI).
import { Type } from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './policy.ts';
import { ROLES } from './types.ts';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
  },
  { description: 'An error: a code for programs and a sentence for people.' },
);

/** The 4xx answers every signed-in route can give. */
export const authErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const RoleSchema = Type.Enum(ROLES, { description: 'admin, manager, supervisor, rep, account_manager or assistant' });

export const Username = Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$', description: 'Letters, digits, . _ @ - (stored lower-case)' });
export const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });
export const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
export const RepId = Type.String({ minLength: 1, maxLength: 64 });

export const Me = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  repId: Type.Union([Type.String(), Type.Null()]),
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: 'Send as x-csrf-token on state-changing requests; null for API tokens.' }),
});

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  repId: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  isDemo: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const Token = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the secret, to tell tokens apart.' }),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

/** Both ways to authenticate, for the OpenAPI document. */
export const SIGNED_IN: Array<Record<string, string[]>> = [{ session: [] }, { bearer: [] }];
