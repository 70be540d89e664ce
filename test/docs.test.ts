// The commands the README and docs/ tell users to run exist: each `npm run NAME` is a script of
// package.json, each `scripts/...` and `bench/...` path it names is a file of the project.
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "..");
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).scripts);
const documents = ["README.md", ...fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];

describe.each(documents)("%s", (document) => {
  const text = fs.readFileSync(path.join(root, document), "utf8");

  it("names only npm scripts that package.json has", () => {
    const named = [...new Set([...text.matchAll(/\bnpm run (?:--silent )?([a-z][\w:-]*)/g)].map((m) => m[1]))];
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it("names only project files that exist", () => {
    const paths = [...text.matchAll(/(?<![\w./-])((?:scripts|bench|src|components|test|docs)\/[\w./-]+)/g)].map((m) => m[1].replace(/\.+$/, ""));
    const named = [...new Set(paths.filter((p) => /\.\w+$/.test(p)))];
    expect(named.filter((file) => !fs.existsSync(path.join(root, file)) && !fs.existsSync(path.join(root, "docs", file)))).toEqual([]);
  });
});
