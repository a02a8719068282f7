import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { run } from '../db/query.ts';
import { openTempDb } from '../../test/helpers/app.ts';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from './settings.ts';

describe('settings', () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    ({ db, dir } = await openTempDb());
  });
  afterAll(async () => {
    await db.close();
    await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it('reads the defaults the core migration stores', async () => {
    expect(await db.read(loadSettings)).toEqual(DEFAULT_SETTINGS);
  });

  it('writes a subset, sorting and de-duplicating dates, and bumps the data version', async () => {
    const version = db.dataVersion;
    await db.transaction((c) => saveSettings(c, { holidays: ['2025-10-02', '2025-10-01', '2025-10-01'], fiscalYearStartMonth: 4 }));
    const s = await db.read(loadSettings);
    expect(s.holidays).toEqual(['2025-10-01', '2025-10-02']);
    expect(s.fiscalYearStartMonth).toBe(4);
    expect(s.evaluationWeights).toEqual(DEFAULT_SETTINGS.evaluationWeights);
    expect(db.dataVersion).toBe(version + 1);
  });

  it('falls back to defaults for damaged values', async () => {
    await db.write((c) => run(c, `UPDATE settings SET value = '"x"' WHERE key = 'fiscal_year_start_month'`));
    expect((await db.read(loadSettings)).fiscalYearStartMonth).toBe(1);
  });
});
