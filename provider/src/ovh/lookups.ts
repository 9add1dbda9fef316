import { isReinstallError } from "../errors";
import { Memo } from "../memo";
import type { OvhApi } from "./api";
import type { Boot, DiskGroup, Template } from "./responses";

export interface DiskGroups {
  groups: DiskGroup[];
  defaultId: number;
}

export interface ServerFacts {
  compatibleTemplates: string[];
}

/**
 * Catalogue and server facts for preview-time validation, cached for the life of the provider process:
 * one template fetch per template, one server look-up per server, however many resources share them.
 */
export class OvhLookups {
  private readonly memo = new Memo();

  constructor(readonly api: OvhApi) {}

  /** The template, or undefined when OVH has no template of that name. */
  template(name: string): Promise<Template | undefined> {
    return this.once(`template ${name}`, () => orNotFound(this.api.template(name)));
  }

  /** What the server can install, or undefined when the account has no such server. */
  server(serviceName: string): Promise<ServerFacts | undefined> {
    return this.once(`server ${serviceName}`, async () => {
      const compatibleTemplates = await orNotFound(this.api.compatibleTemplates(serviceName));
      return compatibleTemplates && { compatibleTemplates };
    });
  }

  /**
   * The disk groups of a server `server()` found, and the one OVH installs on when none is named
   * (`defaultDiskGroupId`, 1 if the answer lacks it): its hardware specifications, read only for inputs that name
   * a disk group or describe storage, since most installs need neither.
   */
  diskGroups(serviceName: string): Promise<DiskGroups> {
    return this.once(`disk groups ${serviceName}`, async () => {
      const hardware = await this.api.hardware(serviceName);
      return { groups: hardware.diskGroups ?? [], defaultId: hardware.defaultDiskGroupId ?? 1 };
    });
  }

  /**
   * Each template's endOfInstall, by name: one call for the whole catalogue, made only when a preview already
   * fails on templateName, so its suggestions leave out what OVH no longer installs.
   */
  endsOfInstall(): Promise<Map<string, string | undefined>> {
    return this.once("template infos", async () => new Map((await this.api.templateInfos()).map((t) => [t.templateName, t.endOfInstall?.slice(0, 10)])));
  }

  partitionSchemes(templateName: string): Promise<string[]> {
    return this.once(`schemes ${templateName}`, () => this.api.partitionSchemes(templateName));
  }

  /** The server's boots, of one type when `bootType` is given (`rescue`): the list, then each boot's kernel and description. */
  boots(serviceName: string, bootType?: string): Promise<Boot[]> {
    return this.once(`boots ${serviceName} ${bootType ?? "*"}`, async () =>
      Promise.all((await this.api.bootIds(serviceName, bootType)).map((id) => this.api.boot(serviceName, id))),
    );
  }

  serverNames(): Promise<string[]> {
    return this.once("servers", () => this.api.listServers());
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.memo.once(key, load);
  }
}

async function orNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    if (isReinstallError(e, "OVH_API_ERROR") && e.api?.status === 404) return undefined;
    throw e;
  }
}
