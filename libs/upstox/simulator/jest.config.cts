module.exports = {
  displayName: 'upstox-simulator',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Tests against the simulator: a file that would start just before 03:30 IST (the token rollover) waits until it has passed.
  setupFilesAfterEnv: ['<rootDir>/../../../tools/jest/token-rollover.setup.ts'],
  coverageDirectory: '../../../coverage/libs/upstox/simulator',
};
