/**
 * The architecture's import rules are lint errors (eslint.config.mjs). lint-probes.mjs lints small
 * probe snippets placed virtually inside real projects; here each forbidden import must fail and
 * the allowed ones must pass.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let messages: Record<string, string[]>;

beforeAll(() => {
  // The rule reads Nx's cached project graph; let Nx write it first, as `nx lint` does.
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
  const out = execFileSync('node', [join(__dirname, 'lint-probes.mjs')], { cwd: root, encoding: 'utf8' });
  messages = JSON.parse(out);
});

describe('module boundaries', () => {
  it('refuses a server framework in browser code', () => {
    expect(messages['nestInWeb'].join('\n')).toMatch(/@nestjs\/common/);
  });

  it('refuses a framework in the contracts', () => {
    expect(messages['angularInContracts'].join('\n')).toMatch(/@angular\/core/);
  });

  it('refuses the api importing web code, or the simulator outside tests', () => {
    expect(messages['webInApi'].join('\n')).toMatch(/scope:api/);
    expect(messages['simulatorInApi'].join('\n')).toMatch(/scope:api/);
  });

  it('lets tests start the simulator, and features use the contracts', () => {
    expect(messages['simulatorInApiTest']).toEqual([]);
    expect(messages['contractsInWebFeature']).toEqual([]);
  });

  it('keeps api/core and api/access below the features: neither reaches up, core does not import access', () => {
    // Every feature already imports access, so Nx reports the cycle before the tag rule.
    expect(messages['featureInAccess'].join('\n')).toMatch(/Circular dependency between "api-access" and "api-orders"/);
    expect(messages['clientInAccess'].join('\n')).toMatch(/layer:foundation/);
    expect(messages['accessInCore'].join('\n')).toMatch(/Circular dependency between "api-core" and "api-access"/);
    expect(messages['dataAccessInCore'].join('\n')).toMatch(/type:util/);
    expect(messages['accessInFeature']).toEqual([]);
  });
});
