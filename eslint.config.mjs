import nx from '@nx/eslint-plugin';

/**
 * Architecture rules (see ARCHITECTURE.md and docs/adr/0001-layout-and-boundaries.md):
 * - contracts are plain types and pure functions: no framework;
 * - the browser code never imports server frameworks;
 * - the Upstox simulator is imported only by its runnable app and by tests.
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
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:ui', 'type:util', 'type:contracts'] },
];

const boundaries = (simAllowedForApi) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: depConstraints(simAllowedForApi),
  },
];

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
];
