import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/fuzz/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/build-package.setup.ts'],
  },
});
