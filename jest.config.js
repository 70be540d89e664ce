// Two suites: the everyday unit run (`npm test`) and the long end-to-end run (`npm run test:e2e`).
// Type checking is tsc's job (`npm run build`), so ts-jest only transpiles: that keeps the unit run fast.
const transform = { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] };
// Built and generated trees (the engine build, the loopback cloud's state, tsc output) hold their own
// package.json files; jest must not mistake them for the project's modules.
const modulePathIgnorePatterns = [
  "<rootDir>/.heatshift/",
  "<rootDir>/.aio/",
  "<rootDir>/dist/",
  // The generated SDK's build output repeats its package.json; node_modules/@pulumi/openstack is the one to see.
  "<rootDir>/sdk/openstack/bin/",
];

module.exports = {
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      transform,
      modulePathIgnorePatterns,
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/", "/node_modules/"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      transform,
      modulePathIgnorePatterns,
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
    },
  ],
};
