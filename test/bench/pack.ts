// Review-pack figures: the whole department's PDF for the last complete month at demo scale,
// built by the pack command's code in its own process on a copy of the demo database: time and
// that process's peak memory.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './cache.ts';
import { copyDb, removeDb, type BenchContext, type SectionResult } from './context.ts';
import { atMost, figure, notMeasured, type Figure } from './figures.ts';
import { previousMonth } from './prepare.ts';
import { runScript } from './proc.ts';

const S = 'pack';
const PACK_LIMIT_S = 10;

interface PackRun {
  exitCode: number;
  seconds: number;
  bytes: number;
  maxRssMb: number;
  output: string[];
}

export async function packSection(ctx: BenchContext): Promise<SectionResult> {
  const label = 'department review pack PDF at demo scale';
  if (!fs.existsSync(path.join(ROOT, 'server', 'reports', 'cli-main.ts'))) {
    return { figures: [notMeasured(`${S}.department_pdf.seconds`, S, label, 's', atMost(PACK_LIMIT_S), 'the pack command (server/reports/cli-main.ts) does not exist yet')] };
  }
  const demo = await ctx.prepared.database('demo');
  const period = previousMonth(demo.sample.asOf);
  const copy = copyDb(ctx, demo.file, 'pack.duckdb');
  const out = path.join(ctx.work, 'department.pdf');
  const figures: Figure[] = [];
  try {
    ctx.log(`pack: department PDF for ${period} (demo) …`);
    const run = (await runScript<PackRun>('test/bench/child/pack.ts', ['--db', copy, '--period', period, '--format', 'pdf', '--lang', 'zh', '--out', out])).value;
    if (run.exitCode !== 0) {
      const why = `the pack command exited with ${run.exitCode}: ${run.output.join(' ').slice(0, 300)}`;
      figures.push(notMeasured(`${S}.department_pdf.seconds`, S, label, 's', atMost(PACK_LIMIT_S), why));
    } else {
      figures.push(
        figure(`${S}.department_pdf.seconds`, S, `${label} (${period}, ${(run.bytes / 1024).toFixed(0)} KB)`, run.seconds, 's', atMost(PACK_LIMIT_S)),
        figure(`${S}.department_pdf.peak_rss`, S, 'department PDF: peak RSS of the building process', run.maxRssMb, 'MB'),
      );
    }
    return { figures, detail: { period, ...run } };
  } finally {
    removeDb(copy);
    fs.rmSync(out, { force: true });
  }
}
