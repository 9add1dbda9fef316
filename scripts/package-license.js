// `prepack` of each published package: npm packs a LICENSE only from the package's own directory, and the
// repository keeps one, at its root. Engine tests pack concurrently, so the copy is swapped in by a rename
// (never a half-written file) and left in place; the copies are git-ignored.
const fs = require("node:fs");
const path = require("node:path");

const source = path.join(__dirname, "..", "LICENSE");
const target = path.join(process.cwd(), "LICENSE");
const text = fs.readFileSync(source);
if (!fs.existsSync(target) || !fs.readFileSync(target).equals(text)) {
  const staging = path.join(process.cwd(), `.LICENSE.${process.pid}`);
  fs.writeFileSync(staging, text);
  fs.renameSync(staging, target);
}
