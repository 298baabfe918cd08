/** One jest run for all workspaces; DB suites run on SQLite and on MariaDB (see scripts/jest-global-setup.js). */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
    // jose is ESM-only: Node loads it with require(), jest's module loader does not, so it is compiled to CommonJS.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: {
    '^@hub/kit$': '<rootDir>/subgraphs/kit/src/index.ts',
    '^@hub/kit/(.*)$': '<rootDir>/subgraphs/kit/src/$1.ts',
    '^@hub/(municipalities|users|filing|archives)$': '<rootDir>/subgraphs/$1/src/index.ts',
    '^@hub/gateway$': '<rootDir>/gateway/src/index.ts',
    // Test tooling (tools/<name>): fakes of outside systems and test material.
    '^@hub/(test-pki|isds-fake|tsa-fake)$': '<rootDir>/tools/$1/src/index.ts',
  },
  testMatch: [
    '<rootDir>/subgraphs/*/src/**/*.test.ts',
    '<rootDir>/gateway/src/**/*.test.ts',
    '<rootDir>/e2e/**/*.test.ts',
    '<rootDir>/tools/*/src/**/*.test.ts',
    '<rootDir>/scripts/**/*.test.js',
  ],
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  maxWorkers: 2,
  testTimeout: 120000,
};
