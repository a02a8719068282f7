// What the command-line tools share: their exit codes (interface.md) and the I/O they write to,
// injectable so tests run a command's logic without spawning a process.
export const EXIT = { ok: 0, refused: 1, usage: 2, other: 3 } as const;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  fetch?: typeof fetch;
}

export const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(`${t}\n`),
  stderr: (t) => process.stderr.write(`${t}\n`),
  env: process.env,
  cwd: process.cwd(),
};
