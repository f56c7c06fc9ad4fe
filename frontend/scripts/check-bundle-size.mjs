// Measures the JavaScript a first visit downloads (the entry script and its modulepreloads
// in dist/index.html), gzipped, and fails when it passes the budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 200;
const dist = join(import.meta.dirname, "..", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const files = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
].map((m) => m[1]);
if (files.length === 0) {
  console.error("check-bundle-size: no entry script found in dist/index.html");
  process.exit(1);
}
let total = 0;
for (const file of new Set(files)) {
  const size = gzipSync(readFileSync(join(dist, file.replace(/^\//, "")))).length;
  total += size;
  console.log(`  ${file}  ${(size / 1024).toFixed(1)} KB gzipped`);
}
const kb = total / 1024;
console.log(`initial JS: ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error(`check-bundle-size: initial JS is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
