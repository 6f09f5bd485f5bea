import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';

/**
 * Architecture rules (see ARCHITECTURE.md and docs/adr/0001-layout-and-boundaries.md):
 * - contracts are plain types and pure functions: no framework;
 * - the browser code never imports server frameworks;
 * - the Upstox simulator is imported only by its runnable app and by tests;
 * - a util lib stays plain helpers: it never reaches for data access.
 *
 * Test rules (eslint-plugin-jest, every Jest spec): a test must be able to fail, so no focused or skipped tests,
 * no test without an assertion, no expect that may never run (inside a condition or a callback), no expect
 * without its matcher or an un-awaited async expect. Playwright specs (apps/web-e2e) use eslint-plugin-playwright
 * instead and drop the block named JEST_RULES_NAME.
 */
const SERVER_ONLY = ['@nestjs/*', 'express', 'better-sqlite3', 'helmet', 'nestjs-pino', 'pino', 'pino-http', 'axios', 'ws', 'cookie-parser'];
const FRAMEWORKS = [...SERVER_ONLY, '@angular/*', 'rxjs', 'class-validator', 'class-transformer'];

const depConstraints = (simAllowedForApi) => [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:api',
    onlyDependOnLibsWithTags: simAllowedForApi ? ['scope:api', 'scope:shared', 'scope:sim'] : ['scope:api', 'scope:shared'],
  },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'].concat(simAllowedForApi ? ['scope:sim'] : []), bannedExternalImports: SERVER_ONLY.filter((p) => !simAllowedForApi || p !== 'ws') },
  { sourceTag: 'scope:sim', onlyDependOnLibsWithTags: ['scope:sim', 'scope:shared'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: FRAMEWORKS },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contracts'] },
  // api/core and api/access are what every api feature builds on: they may not reach up into a feature.
  { sourceTag: 'layer:foundation', onlyDependOnLibsWithTags: ['layer:foundation', 'scope:shared'] },
];

const boundaries = (simAllowedForApi) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: depConstraints(simAllowedForApi),
  },
];

export const JEST_RULES_NAME = 'desk/jest-tests';

/** Calls that assert: Jest's expect, our expect and assert helpers, waits that throw on time-out, fast-check. */
const ASSERT_FUNCTIONS = [
  'expect',
  'expect*',
  '**.expect*',
  'assert*',
  '**.assert*',
  'waitFor*',
  '**.waitFor*',
  // Angular's HttpTestingController: fails on an unexpected or missing request.
  '**.verify',
];

const jestRecommended = jest.configs['flat/recommended'];
const jestRules = {
  name: JEST_RULES_NAME,
  // Relative to the linted project's root; bench/ holds Jest benchmarks.
  files: ['**/*.spec.ts', '**/test/**/*.ts', '**/*.bench.ts'],
  plugins: jestRecommended.plugins,
  languageOptions: jestRecommended.languageOptions,
  settings: { jest: { version: 30 } },
  rules: {
    ...Object.fromEntries(Object.keys(jestRecommended.rules).map((rule) => [rule, 'error'])),
    'jest/no-focused-tests': 'error',
    'jest/no-disabled-tests': 'error',
    'jest/no-commented-out-tests': 'error',
    'jest/expect-expect': ['error', { assertFunctionNames: ASSERT_FUNCTIONS }],
    'jest/no-conditional-expect': 'error',
    // An expect in a set-up hook checks the set-up; when it fails, Jest fails every test of the block.
    'jest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['beforeAll', 'beforeEach'] }],
    'jest/valid-expect': ['error', { alwaysAwait: false }],
    'jest/valid-expect-in-promise': 'error',
    'jest/no-test-return-statement': 'error',
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-output', '**/playwright-report', 'tools/boundaries/fixtures/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts', '**/*.cts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(false) },
  },
  {
    // Tests may start the simulator: it is the only stand-in for Upstox.
    files: ['**/*.spec.ts', '**/*.e2e.ts', '**/test/**/*.ts', 'apps/web-e2e/**/*.ts', 'apps/web-e2e/**/*.mts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
  jestRules,
];
