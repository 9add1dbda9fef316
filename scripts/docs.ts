import * as fs from "node:fs";
import * as path from "node:path";
import { generatedPages, renderPage } from "./schema-tables";

/**
 * `make docs`: renders the tables of docs/*.md anew from schema.json and the provider. Run it after changing
 * either; test/docs/pages.test.ts fails while a page differs from what this would write.
 */
for (const page of generatedPages()) {
  const text = fs.readFileSync(page, "utf8");
  const rendered = renderPage(text);
  if (rendered !== text) {
    fs.writeFileSync(page, rendered);
    console.log(`rendered ${path.relative(process.cwd(), page)}`);
  }
}
