const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "examples/*/bin/**", ".sim/**", "coverage/**", "reports/**", ".stryker-tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The provider loads its dependencies inside method bodies on purpose: nothing may be captured into the
      // serialized dynamic provider (pulumi/pulumi#13960).
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", setTimeout: "readonly" } },
  },
  {
    // jest setup files run inside a test file, with its globals.
    files: ["harness/mutation-run.js"],
    languageOptions: { globals: { afterEach: "readonly", afterAll: "readonly", expect: "readonly" } },
  },
);
