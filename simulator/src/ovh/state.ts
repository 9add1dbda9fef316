import { BootState } from "./boots";
import { OVH_SERVERS, type ServerSpec } from "./catalogue";
import { isActive, viewTask, type DiskUse, type InstallFailure, type TaskRecord, type TaskView } from "./tasks";

/** A server as it is right now, for test assertions. */
export interface LiveServer {
  readonly name: string;
  /** The installed template: the catalogue's until a reinstall task reaches done. */
  readonly os: string;
  /** The hostname the last finished reinstall asked for, if any. */
  readonly hostname: string | null;
  readonly taskIds: readonly number[];
  /** When the newest task ended (done, failed or cancelled), on the simulator's clock; null while it runs, or without one. */
  readonly lastTaskDoneAt: number | null;
  /** Which disk groups the newest reinstall task erases and keeps; null without one. */
  readonly disks: DiskUse | null;
}

export interface NewInstall {
  readonly operatingSystem: string;
  readonly hostname: string | null;
  /** Unset (a task started by a test directly): installed on the first disk group, every group erased. */
  readonly disks?: DiskUse;
  readonly comment: string;
}

// Task ids of the size OVH hands out (docs/api/ovh.md#task-object: a fixture's is 156839472).
const FIRST_TASK_ID = 156839472;

/** Servers and their tasks. Everything time-dependent is derived from `now()` on read. */
export class OvhState {
  private servers = new Map<string, ServerSpec>();
  private tasks: TaskRecord[] = [];
  private failures = new Map<string, InstallFailure>();
  /** Installs another client starts right before the next install POST to a server arrives, per server. */
  private rivals = new Map<string, string>();
  /** What purged tasks left installed, per server. */
  private purged = new Map<string, { os: string; hostname: string | null }>();
  /** Install durations that differ from the simulator's default, per server. */
  private installMsOf = new Map<string, number>();
  // Not reset: a task id kept from before a reset() must not silently name a newer task.
  private nextTaskId = FIRST_TASK_ID;
  /** Boots and reboot tasks (PUT bootId, POST …/reboot); their task ids come from the same sequence as installs'. */
  readonly boots: BootState;

  constructor(
    readonly now: () => number,
    private readonly installMs: number,
    rebootMs = installMs,
  ) {
    this.boots = new BootState(now, () => this.nextTaskId++, rebootMs);
    this.reset();
  }

  reset(): void {
    this.servers = new Map(OVH_SERVERS.map((s) => [s.name, s]));
    this.tasks = [];
    this.failures.clear();
    this.rivals.clear();
    this.purged.clear();
    this.installMsOf.clear();
    this.boots.reset();
  }

  server(name: string): ServerSpec | undefined {
    return this.servers.get(name);
  }

  serverNames(): string[] {
    return [...this.servers.keys()];
  }

  addServer(spec: ServerSpec): void {
    if (this.servers.has(spec.name)) throw new Error(`simulator: server ${spec.name} already exists`);
    this.servers.set(spec.name, spec);
  }

  cloneServer(from: string, newName: string): void {
    const spec = this.requireServer(from);
    this.addServer({ ...spec, name: newName, serverId: undefined });
  }

  setInstallSeconds(serviceName: string, seconds: number): void {
    this.requireServer(serviceName);
    this.installMsOf.set(serviceName, seconds * 1000);
  }

  failNextInstall(serviceName: string, failure: InstallFailure): void {
    this.requireServer(serviceName);
    this.failures.set(serviceName, failure);
  }

  /** Arms an install another client starts right before the next install POST to this server arrives. */
  startInstallBeforeNextPost(serviceName: string, operatingSystem: string): void {
    this.requireServer(serviceName);
    this.rivals.set(serviceName, operatingSystem);
  }

  /** An install POST to this server arrives: the rival install armed with startInstallBeforeNextPost starts first, and is used up. */
  installPostArrives(serviceName: string): void {
    const operatingSystem = this.rivals.get(serviceName);
    if (operatingSystem === undefined) return;
    this.rivals.delete(serviceName);
    this.startInstallOfAnotherClient(serviceName, operatingSystem);
  }

  /** A reinstallServer task as another client (the control panel, another machine) starts it: no hostname asked. */
  startInstallOfAnotherClient(serviceName: string, operatingSystem: string): TaskRecord {
    return this.startInstall(serviceName, { operatingSystem, hostname: null, comment: "Start bare metal OS installation" });
  }

  /** Creates a reinstallServer task starting now; a failure armed with failNextInstall is attached to it and used up. */
  startInstall(serviceName: string, install: NewInstall): TaskRecord {
    const spec = this.requireServer(serviceName);
    const groups = spec.diskGroups.map((g) => g.diskGroupId);
    const task: TaskRecord = {
      taskId: this.nextTaskId++,
      serviceName,
      function: "reinstallServer",
      comment: install.comment,
      startedAt: this.now(),
      durationMs: this.installMsOf.get(serviceName) ?? this.installMs,
      operatingSystem: install.operatingSystem,
      hostname: install.hostname,
      disks: install.disks ?? { installedOn: groups[0], erased: groups, kept: [] },
      failure: this.failures.get(serviceName) ?? null,
      cancelledAt: null,
    };
    this.failures.delete(serviceName);
    this.tasks.push(task);
    return task;
  }

  /**
   * Forgets the server's finished tasks, as OVH purges old ones (docs/api/ovh.md#task-object): their ids answer 404 and leave
   * the list; what they installed stays installed.
   */
  purgeTasks(serviceName: string): void {
    const live = this.live(serviceName);
    this.purged.set(serviceName, { os: live.os, hostname: live.hostname });
    const now = this.now();
    this.tasks = this.tasks.filter((t) => t.serviceName !== serviceName || isActive(viewTask(t, now).status));
  }

  tasksOf(serviceName: string): TaskRecord[] {
    return this.tasks.filter((t) => t.serviceName === serviceName);
  }

  /** The reinstall still in init/todo/doing on this server, if any. */
  activeInstall(serviceName: string): { task: TaskRecord; view: TaskView } | undefined {
    const now = this.now();
    for (const task of this.tasksOf(serviceName)) {
      const view = viewTask(task, now);
      if (isActive(view.status)) return { task, view };
    }
    return undefined;
  }

  /** The newest reinstall task of this server, whatever its status. */
  latestInstall(serviceName: string): { task: TaskRecord; view: TaskView } | undefined {
    const task = this.tasksOf(serviceName).at(-1);
    return task && { task, view: viewTask(task, this.now()) };
  }

  live(serviceName: string): LiveServer {
    const spec = this.requireServer(serviceName);
    const now = this.now();
    const tasks = this.tasksOf(serviceName);
    const installed = tasks
      .map((task) => ({ task, view: viewTask(task, now) }))
      .filter(({ view }) => view.status === "done")
      .sort((a, b) => (a.view.doneAt ?? 0) - (b.view.doneAt ?? 0))
      .at(-1)?.task;
    const before = this.purged.get(serviceName);
    return {
      name: spec.name,
      os: installed?.operatingSystem ?? before?.os ?? spec.os,
      hostname: installed ? installed.hostname : (before?.hostname ?? null),
      taskIds: tasks.map((t) => t.taskId),
      lastTaskDoneAt: this.latestInstall(serviceName)?.view.doneAt ?? null,
      disks: tasks.at(-1)?.disks ?? null,
    };
  }

  private requireServer(name: string): ServerSpec {
    const spec = this.servers.get(name);
    if (!spec) throw new Error(`simulator: no server named ${name}`);
    return spec;
  }
}
