import * as pulumi from "@pulumi/pulumi";
import * as reinstall from "pulumi-reinstall";

const config = new pulumi.Config();

const web = new reinstall.ovh.DedicatedServerInstall("web-1", {
  serviceName: config.get("serviceName") ?? "ns3001234.ip-51-68-1.eu",
  templateName: "debian12_64",
  customHostname: config.get("hostname") ?? "web-1",
  diskGroupId: 2,
  userMetadata: { sshKey: config.require("sshPublicKey") },
});

export const installedOs = web.installedOs;
export const taskId = web.taskId;
