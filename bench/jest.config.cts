/** On-demand benchmarks (not part of npm test): `npx jest -c bench/jest.config.cts`. */
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
