import playwright from 'eslint-plugin-playwright';
import baseConfig, { JEST_RULES_NAME } from '../../eslint.config.mjs';

export default [
  playwright.configs['flat/recommended'],
  // Playwright specs: eslint-plugin-playwright guards them (focused, skipped, assertion-free tests); Jest's rules do not apply.
  ...baseConfig.filter((config) => config.name !== JEST_RULES_NAME),
  {
    files: ['**/*.ts', '**/*.js'],
    // A test must be able to fail: these are warnings in the recommended set, errors here.
    rules: {
      'playwright/no-skipped-test': 'error',
      'playwright/expect-expect': 'error',
      'playwright/no-conditional-expect': 'error',
    },
  },
];
