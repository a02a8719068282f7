// Where the real third-party datasets are: ../shared/reference-data beside the checkout (there in
// development and CI). Tests that use them say in one line that they did not run when it is absent.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export const REFERENCE_DATA_DIR = process.env.ATTAIN_REFERENCE_DATA ?? path.resolve(ROOT, '..', 'shared', 'reference-data');

export const referenceDataPresent = fs.existsSync(REFERENCE_DATA_DIR);

/** The path of one reference file, or null (after saying so once) when the folder is absent. */
export function referenceFile(name: string): string | null {
  if (!referenceDataPresent) {
    console.log(`${REFERENCE_DATA_DIR} not found: the tests on ${name} did not run.`);
    return null;
  }
  return path.join(REFERENCE_DATA_DIR, name);
}
