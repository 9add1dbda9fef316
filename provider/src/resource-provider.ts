import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { z } from "zod";
import { recordedUrn } from "./check-inputs";
import type { CheckFailure } from "./check-failures";
import { Claims } from "./claims";
import { IntentJournal, journalDir } from "./intent-journal";
import type { ProviderRuntime } from "./runtime";
import { settingsFrom, type SettingSource } from "./settings";
import { warningText } from "./warning-text";

type Props = Record<string, unknown>;

/** What sets one resource apart in the parts every resource's provider shares. */
export interface ResourceKind<Config, Connection> {
  /** The resource's type name, which opens every message about one. */
  readonly type: string;
  /** The input that names the machine the resource reinstalls. */
  readonly idKey: string;
  /** What a reinstall erases, as the warnings say it ("its disks"). */
  readonly erases: string;
  /** What keeps its operating system when the resource is deleted ("server"). */
  readonly machine: string;
  resolveConfig(settings: SettingSource, env: NodeJS.ProcessEnv): Config;
  credentialKey(config: Config): string;
  /** A connection for one set of credentials: made once, then kept for the life of the provider. */
  open(config: Config, key: string): Connection;
}

/**
 * The parts both resources' providers share: the settings `configure` hands over, one connection per set of
 * credentials, the intent journal, claims on a machine, the warning of an update that reinstalls, and `delete`,
 * which only forgets (the machine keeps its operating system).
 */
export function resourceProvider<Config, Connection>(kind: ResourceKind<Config, Connection>, runtime: ProviderRuntime) {
  let settings: SettingSource = () => undefined;
  const connections = new Map<string, Connection>();
  const claims = new Claims(kind.type, runtime.warn);
  const label = (id: unknown) => `${kind.type} ${String(id)}`;
  const warn = (news: Props, sentence: string) => runtime.warn(warningText(label(news[kind.idKey]), sentence), recordedUrn(news));

  return {
    warn,
    journal: () => new IntentJournal(journalDir(runtime.env)),

    /** The connection for the credentials the settings and environment name now. */
    connection(): Connection {
      const config = kind.resolveConfig(settings, runtime.env);
      const key = kind.credentialKey(config);
      let connection = connections.get(key);
      if (!connection) {
        connection = kind.open(config, key);
        connections.set(key, connection);
      }
      return connection;
    },

    /** For `check`: the failure of a second resource declared on a machine another one already reinstalls. */
    claim(olds: Props, news: Props, machine: string | undefined): CheckFailure[] {
      return claims.claim(kind.idKey, machine, recordedUrn(news), Object.keys(olds).length > 0);
    },

    /** For `diff`: the warning of an update that reinstalls because of changed inputs. */
    warnReinstalls(news: Props, changed: string[]): void {
      warn(news, `this update REINSTALLS ${String(news[kind.idKey])} and erases ${kind.erases} (changed: ${changed.join(", ")})`);
    },

    methods: {
      async configure(req: dynamic.ConfigureRequest): Promise<void> {
        settings = settingsFrom(req);
      },

      async delete(_id: string, props: Props): Promise<void> {
        runtime.progress({
          resource: label(props[kind.idKey]),
          urn: recordedUrn(props),
          message: `${String(props[kind.idKey])}: forgotten; the ${kind.machine} keeps its operating system`,
          elapsedSeconds: 0,
        });
      },
    },
  };
}

/** The inputs `props` declares (engine and record keys left out), parsed: to compare with a journal or a recorded install. */
export function declaredInputs<T extends z.ZodType>(schema: T, names: readonly string[], props: Props) {
  return schema.safeParse(Object.fromEntries(names.filter((k) => props[k] !== undefined).map((k) => [k, props[k]])));
}
