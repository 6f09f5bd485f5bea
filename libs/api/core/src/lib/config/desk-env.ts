/**
 * The environment record the api is configured from. main.ts passes process.env; tests pass their own
 * record, so several apps with different settings can run in one process.
 */
export type DeskEnv = Readonly<Record<string, string | undefined>>;

/** DI token holding the DeskEnv the app was created with (for feature libs that parse their own settings). */
export const DESK_ENV = Symbol('DESK_ENV');

/** A bad setting found at boot. The message names the variable, the value's problem and the fix. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Collects every problem of one parse, so a user fixes all bad values in one go. */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: DeskEnv) {}

  /** Trimmed value, or undefined when unset or blank. */
  string(name: string): string | undefined {
    const raw = this.env[name];
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
      return fallback;
    }
    return Number(raw);
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false; got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}; got "${raw}"`);
      return fallback;
    }
    return raw as T;
  }

  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws one ConfigError listing every problem found so far. */
  assertValid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
