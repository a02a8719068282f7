// The benchmark's command line: defaults, --only, --scale and --soak, and the refusals.
import { describe, expect, it } from 'vitest';
import { UsageError, parseOptions } from './options.ts';

describe('parseOptions', () => {
  it('runs every section but the soak at 10M by default', () => {
    expect(parseOptions([])).toEqual({ sections: ['ingest', 'queries', 'frontend', 'pack'], scale: '10m', routes: [], db: null, help: false });
  });

  it('adds the soak with --soak', () => {
    expect(parseOptions(['--soak']).sections).toEqual(['ingest', 'queries', 'frontend', 'pack', 'soak']);
  });

  it('takes --only repeated or comma-separated, in the usual order', () => {
    expect(parseOptions(['--only', 'pack,ingest']).sections).toEqual(['ingest', 'pack']);
    expect(parseOptions(['--only', 'queries', '--only', 'soak', '--scale', '1m'])).toEqual({ sections: ['queries', 'soak'], scale: '1m', routes: [], db: null, help: false });
  });

  it('narrows the query routes and takes another database', () => {
    expect(parseOptions(['--route', 'Retention', '--route', 'visits', '--db', '/tmp/x.duckdb'])).toMatchObject({ routes: ['retention', 'visits'], db: '/tmp/x.duckdb' });
  });

  it('refuses unknown sections, scales and options', () => {
    expect(() => parseOptions(['--only', 'everything'])).toThrow(UsageError);
    expect(() => parseOptions(['--scale', 'demo'])).toThrow(UsageError);
    expect(() => parseOptions(['--fast'])).toThrow(UsageError);
  });
});
