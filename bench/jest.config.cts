/**
 * On-demand benchmarks (not part of npm test): `npx jest -c bench/jest.config.cts`.
 * bench/tsconfig.json sets isolatedModules, so ts-jest transpiles file by file instead of keeping a TypeScript
 * program in memory: the api runs in this process, and that program (~200 MB of heap) made its GC pauses
 * the harness's, not the api's. Typecheck the benchmarks with `npx tsc --noEmit -p bench/tsconfig.json`.
 */
module.exports = {
  displayName: 'bench',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.bench.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testTimeout: 3_600_000,
};
