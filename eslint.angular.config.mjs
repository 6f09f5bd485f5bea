import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/** Shared by the Angular app and every web lib: the base rules plus Angular's, with our `desk` prefix. */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'desk', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'desk', style: 'kebab-case' }],
    },
  },
];
