/**
 * The benchmarks' command line: parse with node:util's parseArgs, print the usage on --help, and turn bad input
 * into one clear line plus the usage and exit code 2 — the same for every `npm run bench:*`.
 */
export interface BenchCli {
  /** Runs the parse; a parse error (unknown flag, missing value) exits 2 with the usage. */
  parse<T extends { help?: boolean }>(read: () => T): T;
  /** A numeric flag, checked: exits 2 with the usage when it is not a number ≥ min (whole unless `integer` is false). */
  number(flag: string, value: string, min: number, integer?: boolean): number;
  fail(message: string): never;
}

export function benchCli(name: string, usage: string): BenchCli {
  const fail = (message: string): never => {
    process.stderr.write(`${name}: ${message}\n${usage}\n`);
    process.exit(2);
  };
  return {
    fail,
    parse(read) {
      let values;
      try {
        values = read();
      } catch (error) {
        return fail((error as Error).message);
      }
      if (values.help) {
        process.stdout.write(`${usage}\n`);
        process.exit(0);
      }
      return values;
    },
    number(flag, value, min, integer = true) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n)))
        fail(`--${flag} must be ${integer ? 'a whole number' : 'a number'} ≥ ${min}, got "${value}"`);
      return n;
    },
  };
}
