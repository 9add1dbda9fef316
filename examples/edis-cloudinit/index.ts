import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import * as reinstall from "pulumi-reinstall";

const config = new pulumi.Config();

const vps = new reinstall.edis.KvmReinstall("edge-1", {
  kvmId: config.get("kvmId") ?? "kvm_123456_789012",
  image: "cloudinit_debian-bookworm",
  password: config.requireSecret("rootPassword"),
  cloudInitUserData: fs.readFileSync("cloud-init.yaml", "utf8"), // Pulumi runs programs from the project directory
  readinessPort: config.getNumber("readinessPort") ?? 22,
});

export const ip = vps.primaryIp;
export const readyAt = vps.readyAt;
