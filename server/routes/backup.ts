// POST /api/admin/backup (admin): the running server takes a consistent backup of its own database into
// backups/<timestamp> beside the database file (never a path the client chooses) and answers the manifest.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { audit } from '../auth/audit.ts';
import { CAN } from '../auth/roles.ts';
import { ErrorBody, SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { serverBackupDir, writeBackup } from '../db/backup.ts';
import { conflict } from '../errors.ts';

const Manifest = Type.Object({
  format: Type.Literal('attain-backup'),
  formatVersion: Type.Literal(1),
  createdAt: Type.String(),
  schemaVersion: Type.Integer(),
  migrations: Type.Array(Type.Integer()),
  dataVersion: Type.Integer(),
  tables: Type.Array(
    Type.Object({
      name: Type.String(),
      file: Type.String({ description: 'the Parquet file, relative to the backup folder' }),
      rows: Type.Integer(),
      bytes: Type.Integer(),
      sha256: Type.String(),
    }),
  ),
  sequences: Type.Array(Type.Object({ name: Type.String(), lastValue: Type.Union([Type.Integer(), Type.Null()]) })),
});

export default async function backupRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/admin/backup',
    {
      preHandler: app.requireRole(...CAN.administer),
      schema: {
        tags: ['admin'],
        summary: 'Take a backup now: Parquet per table plus manifest.json, written to backups/<timestamp> beside the database (admin)',
        description: 'The same layout as `npm run backup`; restore it with `npm run restore -- DIR` while the server is stopped.',
        security: SIGNED_IN,
        // Nothing to choose: in particular no folder (a client must never pick where the server writes).
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Type.Object({ dir: Type.String({ description: 'the folder on the server' }), manifest: Manifest }), ...authErrors, 409: ErrorBody },
      },
    },
    async (request) => {
      if (app.db.path === ':memory:') throw conflict('This server keeps its database in memory, so there is no folder to write a backup to.');
      const dir = serverBackupDir(app.db.path);
      const manifest = await writeBackup(app.db, dir);
      const rowCount = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      await audit(app.db, { username: request.user!.username, action: 'backup_written', detail: { dir, tables: manifest.tables.length, rows: rowCount }, ip: request.ip });
      return { dir, manifest };
    },
  );
}
