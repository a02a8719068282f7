// Row-level scope: scopeFor for every role on a small roster written by hand, the functions that
// enforce it, and request.scope() as routes see it.
import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import authPlugin from '../../server/auth/plugin.ts';
import { systemClock } from '../../server/auth/clock.ts';
import { assertFilterAllowed, assertRepVisible, scopeFilter, scopeFor, scopeOf } from '../../server/auth/scope.ts';
import { createToken } from '../../server/auth/tokens.ts';
import type { Role } from '../../server/auth/types.ts';
import type { Database } from '../../server/db/database.ts';
import { rows, run } from '../../server/db/query.ts';
import { AppError } from '../../server/errors.ts';
import database from '../../server/plugins/database.ts';
import errorHandler from '../../server/plugins/error-handler.ts';
import { openTempDb } from '../helpers/app.ts';
import { bearer, createUser } from '../helpers/auth.ts';

// M1 manages S1, S2, S3. S1 leads 华东一组 and has R4 (华南组) reporting to them, R5 below R4.
// R2 moved from 华东二组 (under S2) to 华东一组 (under S1) on 2025-01-01. S3's row names two teams.
// X1 and X2 report to each other (a damaged org chart).
const ROSTER = `
INSERT INTO reps (rep_id, valid_from, name, role, team, manager_id, batch_id) VALUES
  ('M1', DATE '1900-01-01', '经理', 'manager', NULL, NULL, 'b0'),
  ('S1', DATE '1900-01-01', '主管一', 'supervisor', '华东一组', 'M1', 'b0'),
  ('S2', DATE '1900-01-01', '主管二', 'supervisor', '华东二组', 'M1', 'b0'),
  ('S3', DATE '1900-01-01', '主管三', 'supervisor', '华南组、华北组', 'M1', 'b0'),
  ('R1', DATE '1900-01-01', '代表一', 'rep', '华东一组', 'S1', 'b0'),
  ('R2', DATE '2024-01-01', '代表二', 'rep', '华东二组', 'S2', 'b0'),
  ('R2', DATE '2025-01-01', '代表二', 'rep', '华东一组', 'S1', 'b0'),
  ('R3', DATE '1900-01-01', '代表三', 'rep', '华东二组', 'S2', 'b0'),
  ('R4', DATE '1900-01-01', '代表四', 'rep', '华南组', 'S1', 'b0'),
  ('R5', DATE '1900-01-01', '代表五', 'rep', '华南组', 'R4', 'b0'),
  ('R6', DATE '1900-01-01', '代表六', 'rep', '华北组', NULL, 'b0'),
  ('A1', DATE '1900-01-01', '助理一', 'assistant', '华东一组', 'S1', 'b0'),
  ('K1', DATE '1900-01-01', '客户经理一', 'account_manager', '华东二组', 'S2', 'b0'),
  ('X1', DATE '1900-01-01', '环一', 'supervisor', NULL, 'X2', 'b0'),
  ('X2', DATE '1900-01-01', '环二', 'rep', NULL, 'X1', 'b0')`;

const EVERY_REP = ['A1', 'K1', 'M1', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'S1', 'S2', 'S3', 'X1', 'X2'];

describe('scopeFor', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
    await db.write((c) => run(c, ROSTER));
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  const ids = async (role: Role, repId: string | null) => (await scopeFor(db, { role, repId })).repIds;

  it('gives admin and manager everything, whatever their rep link', async () => {
    expect(await scopeFor(db, { role: 'admin', repId: null })).toEqual({ all: true, repIds: [], key: 'all' });
    expect(await scopeFor(db, { role: 'manager', repId: 'M1' })).toEqual({ all: true, repIds: [], key: 'all' });
  });

  it('gives a supervisor their team(s) and everyone below them', async () => {
    // Team 华东一组 = S1, R1, R2, A1; below S1 = R1, R2, R4, A1, and R5 below R4.
    expect(await ids('supervisor', 'S1')).toEqual(['A1', 'R1', 'R2', 'R4', 'R5', 'S1']);
    // R2 was in 华东二组 under S2 until 2025: past facts are S2's to review.
    expect(await ids('supervisor', 'S2')).toEqual(['K1', 'R2', 'R3', 'S2']);
    // Both teams named on S3's row.
    expect(await ids('supervisor', 'S3')).toEqual(['R4', 'R5', 'R6', 'S3']);
    // A cycle in manager_id ends.
    expect(await ids('supervisor', 'X1')).toEqual(['X1', 'X2']);
  });

  it('gives reps and account managers only themselves', async () => {
    expect(await ids('rep', 'R3')).toEqual(['R3']);
    expect(await ids('account_manager', 'K1')).toEqual(['K1']);
  });

  it('gives an assistant the reps of their team', async () => {
    expect(await ids('assistant', 'A1')).toEqual(['A1', 'R1', 'R2', 'S1']);
  });

  it('gives a role that needs a rep link but has none nothing, never everything', async () => {
    for (const role of ['supervisor', 'rep', 'account_manager', 'assistant'] as const) {
      expect(await scopeFor(db, { role, repId: null })).toEqual({ all: false, repIds: [], key: 'none' });
    }
    expect(await scopeFor(db, null)).toEqual({ all: false, repIds: [], key: 'none' });
    // Linked to an id the roster lacks: only that id, whose facts may still exist.
    expect(await ids('supervisor', 'S9')).toEqual(['S9']);
  });

  it('keys equal sets alike and different sets apart', async () => {
    const s1 = await scopeFor(db, { role: 'supervisor', repId: 'S1' });
    expect(s1.key).toBe(scopeOf(['S1', 'R5', 'R4', 'R2', 'R1', 'A1', 'R1']).key);
    expect(s1.key).toMatch(/^reps:6:[0-9a-f]{20}$/);
    expect(s1.key).not.toBe((await scopeFor(db, { role: 'supervisor', repId: 'S2' })).key);
    expect((await scopeFor(db, { role: 'rep', repId: 'R1' })).key).toBe(scopeOf(['R1']).key);
  });

  it('filters SQL by scope through scopeFilter', async () => {
    const select = async (scope: Awaited<ReturnType<typeof scopeFor>>) => {
      const f = scopeFilter(scope, 'r.rep_id');
      return (await db.read((c) => rows<{ rep_id: string }>(c, `SELECT DISTINCT r.rep_id FROM reps r WHERE ${f.sql} ORDER BY 1`, f.params))).map((x) => x.rep_id);
    };
    expect(await select(await scopeFor(db, { role: 'supervisor', repId: 'S2' }))).toEqual(['K1', 'R2', 'R3', 'S2']);
    expect(await select(await scopeFor(db, { role: 'manager', repId: null }))).toEqual(EVERY_REP);
    expect(await select(await scopeFor(db, { role: 'rep', repId: null }))).toEqual([]);
    expect(() => scopeFilter(scopeOf(['R1']), 'r.rep_id; DROP TABLE reps')).toThrow(/unsafe/);
  });

  it('hides reps outside the scope (404) and refuses filters naming them (403)', async () => {
    const s1 = await scopeFor(db, { role: 'supervisor', repId: 'S1' });
    expect(() => assertRepVisible(s1, 'R1')).not.toThrow();
    const hidden = (() => {
      try {
        assertRepVisible(s1, 'R3');
      } catch (err) {
        return err;
      }
    })();
    expect(hidden).toBeInstanceOf(AppError);
    expect(hidden).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect(() => assertFilterAllowed(s1, ['R1', 'R4'])).not.toThrow();
    expect(() => assertFilterAllowed(s1, ['R1', 'R3', 'K1'])).toThrow(expect.objectContaining({ statusCode: 403, message: 'Rep R3, K1 are outside what your role may see.' }));
    const all = await scopeFor(db, { role: 'admin', repId: null });
    expect(() => assertFilterAllowed(all, ['anything'])).not.toThrow();
  });
});

describe('request.scope()', () => {
  let app: FastifyInstance;
  let db: Database;
  let dir: string;
  let calls = 0;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
    await db.write((c) => run(c, ROSTER));
    app = Fastify();
    await app.register(errorHandler);
    await app.register(cookie);
    await app.register(database, { db, closeOnShutdown: true });
    await app.register(authPlugin);
    app.get('/api/probe', { preHandler: app.authenticate }, async (request) => {
      calls++;
      const [a, b] = await Promise.all([request.scope(), request.scope()]);
      return { same: a === b, scope: a };
    });
    app.get('/api/open', async (request) => request.scope());
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  const tokenFor = async (username: string, role: 'supervisor' | 'assistant' | 'rep', repId: string | null) => {
    const user = await createUser(db, { username, role, repId });
    return (await createToken(db, systemClock, user.userId, 'probe')).secret;
  };

  it('computes the caller\'s scope once per request', async () => {
    const secret = await tokenFor('sup1', 'supervisor', 'S1');
    const res = await app.inject({ method: 'GET', url: '/api/probe', headers: bearer(secret) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ same: true, scope: { all: false, repIds: ['A1', 'R1', 'R2', 'R4', 'R5', 'S1'] } });
    expect(calls).toBe(1);
  });

  it('follows a role change at once, and gives unlinked users nothing', async () => {
    const secret = await tokenFor('asst', 'assistant', 'A1');
    expect((await app.inject({ method: 'GET', url: '/api/probe', headers: bearer(secret) })).json().scope.repIds).toEqual(['A1', 'R1', 'R2', 'S1']);
    await db.write((c) => run(c, "UPDATE users SET role = 'rep', rep_id = NULL WHERE username = 'asst'"));
    expect((await app.inject({ method: 'GET', url: '/api/probe', headers: bearer(secret) })).json().scope).toEqual({ all: false, repIds: [], key: 'none' });
  });

  it('refuses scope without a signed-in user', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/open' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
