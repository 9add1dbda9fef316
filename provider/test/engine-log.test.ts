import { engineAddress } from "../src/engine-log";

describe("engineAddress", () => {
  it("is the first argument of @pulumi/pulumi's dynamic provider host", () => {
    expect(engineAddress(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:53211"])).toBe("127.0.0.1:53211");
  });

  it("is absent anywhere else, so tests, the demo and the bench log to stderr", () => {
    expect(engineAddress(["node", "/p/node_modules/.bin/jest", "127.0.0.1:53211"])).toBeUndefined();
    expect(engineAddress(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"])).toBeUndefined();
  });
});
