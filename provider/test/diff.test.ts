import { diffInstall } from "../src/ovh/dedicated-server-install/diff";

const olds = {
  serviceName: "ns3001234.ip-51-68-1.eu",
  templateName: "debian12_64",
  customHostname: "web-1",
  userMetadata: { sshKey: "ssh-ed25519 AAAA", postInstallationScript: "#!/bin/sh" },
  installApi: "reinstall",
  timeoutMinutes: 120,
  taskId: 42,
  taskStatus: "done",
};

describe("DedicatedServerInstall diff", () => {
  it("sees no change when only the order of keys differs and outputs are ignored", () => {
    const news = { ...olds, userMetadata: { postInstallationScript: "#!/bin/sh", sshKey: "ssh-ed25519 AAAA" } };
    delete (news as Record<string, unknown>).taskId;
    expect(diffInstall(olds, news)).toEqual({ changed: [], replaces: [], reinstalls: false });
  });

  it("replaces on a new serviceName", () => {
    expect(diffInstall(olds, { ...olds, serviceName: "ns3005678.ip-51-68-2.eu" })).toEqual({
      changed: ["serviceName"],
      replaces: ["serviceName"],
      reinstalls: false,
    });
  });

  it.each([
    ["templateName", "debian13_64"],
    ["customHostname", "web-2"],
    ["diskGroupId", 2],
    ["userMetadata", { sshKey: "ssh-ed25519 BBBB" }],
    ["storage", [{ diskGroupId: 2 }]],
    ["partitionSchemeName", "default"],
    ["triggers", ["2026-11-22"]],
  ])("reinstalls when %s changes, and says so", (field, value) => {
    expect(diffInstall(olds, { ...olds, [field]: value })).toEqual({ changed: [field], replaces: [], reinstalls: true });
  });

  it("a new timeout or install route alone changes nothing on the server", () => {
    expect(diffInstall(olds, { ...olds, timeoutMinutes: 240, installApi: "install/start" })).toEqual({
      changed: ["installApi", "timeoutMinutes"],
      replaces: [],
      reinstalls: false,
    });
  });

  it.each([
    ["adopted, then adopt removed", { ...olds, adopt: true }, olds],
    ["installed, then adopt added", olds, { ...olds, adopt: true }],
  ])("adopt only says what a create does: %s is a change that reinstalls nothing", (_case, before, after) => {
    expect(diffInstall(before, after)).toEqual({ changed: ["adopt"], replaces: [], reinstalls: false });
  });
});
