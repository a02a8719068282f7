// GET/PUT /api/settings: evaluation weights, holidays and make-up working days, fiscal year start,
// reporting currency. Writes run in a transaction, so the data version bumps and KPI caches drop.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { auditWith } from '../auth/audit.ts';
import { CAN } from '../auth/roles.ts';
import { SIGNED_IN, authErrors } from '../auth/schemas.ts';
import { badRequest } from '../errors.ts';
import { loadSettingsCached } from '../queries/context.ts';
import { isIsoDate } from '../queries/periods.ts';
import { SettingsSchema, SettingsUpdateSchema, loadSettings, saveSettings, type SettingsUpdate } from '../queries/settings.ts';

function checkDates(update: SettingsUpdate): void {
  for (const name of ['holidays', 'makeupWorkdays'] as const) {
    const bad = (update[name] ?? []).filter((d) => !isIsoDate(d));
    if (bad.length > 0) throw badRequest(`"${name}" holds dates that do not exist: ${bad.join(', ')}.`, [{ parameter: name, message: 'not a real date' }]);
  }
}

export default async function settingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/settings',
    {
      preHandler: app.authenticate,
      schema: { tags: ['settings'], summary: 'The current settings', security: SIGNED_IN, response: { 200: SettingsSchema, ...authErrors } },
    },
    async () => loadSettingsCached(app),
  );

  r.put(
    '/api/settings',
    {
      preHandler: app.requireRole(...CAN.editSettings),
      schema: {
        tags: ['settings'],
        summary: 'Change some or all settings (admin, manager); answers the settings after the change',
        security: SIGNED_IN,
        body: SettingsUpdateSchema,
        response: { 200: SettingsSchema, ...authErrors },
      },
    },
    async (request) => {
      const update = request.body;
      checkDates(update);
      return app.db.transaction(async (conn) => {
        await saveSettings(conn, update);
        await auditWith(conn, { username: request.user!.username, action: 'settings_changed', detail: update, ip: request.ip });
        return loadSettings(conn);
      });
    },
  );
}
