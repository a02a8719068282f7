// `npm run sample -- [--scale demo|1m|10m] [--out DIR] [--seed N]`: writes the sample company's
// exports. Exit codes: 0 done, 2 bad usage, 3 anything else.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateSample } from './generate.ts';
import { PUBLIC_SCALES, type ScaleName } from './scales.ts';

const USAGE = 'usage: npm run sample -- [--scale demo|1m|10m] [--out DIR] [--seed N]';

class UsageError extends Error {}

function parse(argv: string[]): { scale: ScaleName; out: string; seed: number } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { scale: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (${USAGE}).`);
  }
  if (values.help) return 'help';
  const scale = values.scale ?? 'demo';
  if (!(PUBLIC_SCALES as readonly string[]).includes(scale)) throw new UsageError(`--scale must be one of ${PUBLIC_SCALES.join(', ')}, not "${scale}".`);
  let seed = DEFAULT_SEED;
  if (values.seed !== undefined) {
    if (!/^\d{1,10}$/.test(values.seed) || Number(values.seed) > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${values.seed}".`);
    seed = Number(values.seed);
  }
  if (values.out === '') throw new UsageError('--out needs a folder.');
  const out = values.out ?? path.join('data', 'sample', scale);
  return { scale: scale as ScaleName, out, seed };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  try {
    const result = await generateSample(args);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const c = result.counts;
    process.stdout.write(
      `Wrote the ${args.scale} sample company (seed ${args.seed}, as of ${result.asOf}) to ${path.resolve(args.out)} in ${seconds} s: ` +
        `${c.reps} people, ${c.customers} customers, ${c.products} products, ${c.targets} targets, ` +
        `${c.orders} order lines, ${c.visits} visits; next export ${c.nextOrders} order lines, ${c.nextVisits} visits.\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`Could not write the sample company to ${path.resolve(args.out)}: ${(err as Error).message}\n`);
    return 3;
  }
}

process.exitCode = await main();
