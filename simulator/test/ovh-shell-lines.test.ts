import { startOvhSimulator, type OvhSimulator } from "pulumi-reinstall-simulator";
import { ovhShellLines } from "../src/ovh/shell-lines";

describe("reinstall-sim's comments on the OVH servers", () => {
  let sim: OvhSimulator;
  beforeAll(async () => {
    sim = await startOvhSimulator();
  });
  afterAll(() => sim.close());

  it("offer as templates only those a server can install today, and name the ended ones apart", () => {
    const lines = ovhShellLines(sim, "/ca.pem", "2026-11-30");
    const offered = lines.filter((l) => l.startsWith("#     templates: ")).flatMap((l) => l.slice("#     templates: ".length).split(", "));
    expect(offered).toContain("debian12_64");
    expect(offered).not.toContain("debian10_64");
    expect(lines.filter((l) => l.includes("debian10_64"))).toEqual(Array(3).fill("#     no longer installable: debian10_64 (endOfInstall 2024-06-30)"));
  });

  it("still offer a template before its endOfInstall day has passed", () => {
    const lines = ovhShellLines(sim, "/ca.pem", "2024-06-30");
    expect(lines.filter((l) => l.startsWith("#     templates: ") && l.includes("debian10_64"))).toHaveLength(3);
  });
});
