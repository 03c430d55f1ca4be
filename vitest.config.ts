import { defineConfig } from "vitest/config";
import TotalsReporter from "./test/support/totals-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/build.ts"],
    testTimeout: 20_000,
    reporters: ["default", new TotalsReporter()],
  },
});
