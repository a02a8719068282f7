// Generates the sample company's exports into a folder: the roster, customers, products, targets,
// orders and visits in the English CSV, Chinese GB18030 CSV and (up to the demo scale) XLSX forms,
// plus `next/` (orders and visits after the as-of date) and a manifest. Same seed, same bytes.

import fs from 'node:fs/promises';
import path from 'node:path';
import { isoDate, monthIso, monthOfDay } from './calendar.ts';
import { buildCompany } from './company.ts';
import { SPECS, type DatasetName } from './datasets.ts';
import { ownerAt, type Company } from './model.ts';
import { scaleConfig, type ScaleConfig, type ScaleName } from './scales.ts';
import { simulate } from './simulate.ts';
import { buildTargets, targetCells } from './targets.ts';
import { DatasetWriter, type FormDirs } from './writers/dataset.ts';

export interface GenerateOptions {
  scale?: ScaleName;
  out: string;
  seed?: number;
  /** Adjusts the scale's size (tests and quick checks use a smaller company). */
  overrides?: Partial<ScaleConfig>;
}

export interface GenerateResult {
  /** Written files by "form/dataset" ("en/orders", "next/zh/visits", "manifest"), absolute paths. */
  files: Record<string, string>;
  /** Rows per dataset (order lines for orders), the next export as nextOrders and nextVisits. */
  counts: Record<string, number>;
  asOf: string;
}

export const DEFAULT_SEED = 42;

async function formDirs(root: string, xlsx: boolean): Promise<FormDirs> {
  const dirs: FormDirs = { en: path.join(root, 'en'), zh: path.join(root, 'zh'), xlsx: xlsx ? path.join(root, 'xlsx') : null };
  for (const dir of [dirs.en, dirs.zh, dirs.xlsx]) if (dir) await fs.mkdir(dir, { recursive: true });
  return dirs;
}

function record(files: Record<string, string>, prefix: string, name: DatasetName, writer: DatasetWriter): void {
  for (const [form, file] of Object.entries(writer.files)) files[`${prefix}${form}/${name}`] = file;
}

async function writeDimensions(company: Company, dirs: FormDirs, stamp: Date): Promise<DatasetWriter[]> {
  const asOf = isoDate(company.asOfDay);
  const reps = new DatasetWriter(SPECS.reps, dirs, `${SPECS.reps.sheet} 截至 ${asOf}`, stamp);
  for (const r of company.reps) reps.add([r.repId, r.name, r.role, r.team, r.region, r.managerId, r.email, r.hireDay, r.leaveDay]);
  const customers = new DatasetWriter(SPECS.customers, dirs, `${SPECS.customers.sheet} 截至 ${asOf}`, stamp);
  for (const c of company.customers) {
    const owner = company.reps[ownerAt(c, company.asOfDay)]!;
    customers.add([c.customerId, c.name, c.segment, c.tier, c.industry, c.region, owner.repId, c.createdDay]);
    if (customers.full) await customers.flush();
  }
  const products = new DatasetWriter(SPECS.products, dirs, `${SPECS.products.sheet} 截至 ${asOf}`, stamp);
  for (const p of company.products) products.add([p.sku, p.name, p.category, p.listPriceCents]);
  await Promise.all([reps.close(), customers.close(), products.close()]);
  return [reps, customers, products];
}

export async function generateSample(options: GenerateOptions): Promise<GenerateResult> {
  const scale = options.scale ?? 'demo';
  const seed = options.seed ?? DEFAULT_SEED;
  const config = scaleConfig(scale, options.overrides);
  const out = path.resolve(options.out);
  const company = buildCompany(config, seed);
  const { startDay, asOfDay, endDay } = company;
  // Every timestamp inside the XLSX files is this moment: the evening of the as-of date.
  const stamp = new Date((asOfDay + 0.75) * 86_400_000);
  const dirs = await formDirs(out, config.xlsx);
  const nextDirs = await formDirs(path.join(out, 'next'), config.xlsx);
  const files: Record<string, string> = {};
  const counts: Record<string, number> = {};

  const [reps, customers, products] = await writeDimensions(company, dirs, stamp);
  for (const [name, w] of [['reps', reps], ['customers', customers], ['products', products]] as const) {
    record(files, '', name, w!);
    counts[name] = w!.rows;
  }

  const span = (from: number, to: number) => `${isoDate(from)} 至 ${isoDate(to)}`;
  const orders = new DatasetWriter(SPECS.orders, dirs, `${SPECS.orders.sheet} ${span(startDay, asOfDay)}`, stamp);
  const visits = new DatasetWriter(SPECS.visits, dirs, `${SPECS.visits.sheet} ${span(startDay, asOfDay)}`, stamp);
  const nextOrders = new DatasetWriter(SPECS.orders, nextDirs, `${SPECS.orders.sheet} ${span(asOfDay + 1, endDay)}`, stamp);
  const nextVisits = new DatasetWriter(SPECS.visits, nextDirs, `${SPECS.visits.sheet} ${span(asOfDay + 1, endDay)}`, stamp);
  const stats = await simulate(company, seed, { orders, visits, nextOrders, nextVisits });
  await Promise.all([orders.close(), visits.close(), nextOrders.close(), nextVisits.close()]);
  record(files, '', 'orders', orders);
  record(files, '', 'visits', visits);
  record(files, 'next/', 'orders', nextOrders);
  record(files, 'next/', 'visits', nextVisits);
  counts.orders = orders.rows;
  counts.visits = visits.rows;
  counts.nextOrders = nextOrders.rows;
  counts.nextVisits = nextVisits.rows;

  const targetRows = buildTargets(company, stats, seed);
  const targets = new DatasetWriter(
    SPECS.targets,
    dirs,
    `${SPECS.targets.sheet} ${monthIso(stats.firstMonth)} 至 ${monthIso(monthOfDay(asOfDay))}`,
    stamp,
  );
  for (const row of targetRows) targets.add(targetCells(row));
  await targets.close();
  record(files, '', 'targets', targets);
  counts.targets = targets.rows;

  const manifestPath = path.join(out, 'manifest.json');
  const manifest = {
    scale,
    seed,
    start: isoDate(startDay),
    asOf: isoDate(asOfDay),
    next: { from: isoDate(asOfDay + 1), to: isoDate(endDay) },
    counts,
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, path.relative(out, v).split(path.sep).join('/')])),
  };
  await fs.writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  files.manifest = manifestPath;
  return { files, counts, asOf: isoDate(asOfDay) };
}
