// Compiles the generated @pulumi/openstack SDK (sdk/openstack, TypeScript) to sdk/openstack/bin.
// The project's `prepare` script runs it on `npm install` / `npm ci` (npm does not run the install
// scripts of dependencies here). Same steps as the SDK's own scripts/postinstall.js, except that
// bin/package.json carries only the version (utilities.getVersion() reads it): a second
// package.json named @pulumi/openstack would collide with the first in jest's module map.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const sdkDir = path.resolve(__dirname, "..", "..", "..", "sdk", "openstack");
const tsc = require.resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", sdkDir, "--types", "node"], { stdio: "inherit" });
const { version } = JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8"));
fs.writeFileSync(path.join(sdkDir, "bin", "package.json"), JSON.stringify({ version }, null, 2) + "\n");
