module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
  // Unit specs next to the sources, and the api tests (real app + real simulator over HTTP) in test/.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30_000,
  // A file that would start just before 03:30 IST (Upstox's token rollover) waits until it has passed.
  setupFilesAfterEnv: ['<rootDir>/../../tools/jest/token-rollover.setup.ts'],
};
