import { OVH_ROUTES, startOvhSimulator } from "pulumi-reinstall-simulator";
import { oauth2Client, raw, rejection, SCALE, signedClient, virtualClock, useOvhSimulator } from "./helpers";

describe("OVH simulator: faults and the journal", () => {
  const clock = virtualClock();
  const sim = useOvhSimulator(clock);

  it("a status fault `after` the handler still creates the task, and the journal shows the 500", async () => {
    sim().inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 500, when: "after" });
    const ovh = signedClient(sim());
    expect(await rejection(ovh.requestPromised("POST", `/dedicated/server/${SCALE}/reinstall`, { operatingSystem: "debian12_64" }))).toEqual({
      error: 500,
      message: "Internal server error",
    });
    expect(await ovh.requestPromised("GET", `/dedicated/server/${SCALE}/task`, { function: "reinstallServer" })).toEqual(sim().server(SCALE).taskIds);
    expect(sim().server(SCALE).taskIds).toHaveLength(1);
    expect(
      sim()
        .journal.filter((e) => e.route === OVH_ROUTES.reinstall)
        .map((e) => e.status),
    ).toEqual([500]);
  });

  it("a status fault `before` the handler changes nothing; bodies default to OVH's shapes or are given", async () => {
    sim().inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 503 });
    sim().inject({ route: OVH_ROUTES.servers, kind: "status", status: 429 });
    sim().inject({ route: OVH_ROUTES.task, kind: "status", status: 404 });
    sim().inject({ route: `GET /dedicated/server/{serviceName}`, kind: "status", status: 502, body: { message: "Bad gateway" } });
    const post = await raw(sim(), clock, "POST", `/1.0/dedicated/server/${SCALE}/reinstall`, { body: { operatingSystem: "debian12_64" } });
    expect(post).toEqual({ status: 503, body: { class: "Server::InternalServerError", message: "Internal server error" } });
    expect(sim().server(SCALE).taskIds).toEqual([]);
    // 429: OVH documents no body; this is the simulator's stand-in.
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/server")).toEqual({
      status: 429,
      body: { class: "Client::TooManyRequests", message: "Too many requests" },
    });
    expect(await raw(sim(), clock, "GET", `/1.0/dedicated/server/${SCALE}/task/77`)).toEqual({
      status: 404,
      body: { message: "The requested object (taskId = 77) does not exist" },
    });
    expect(await raw(sim(), clock, "GET", `/1.0/dedicated/server/${SCALE}`)).toEqual({ status: 502, body: { message: "Bad gateway" } });
  });

  it("skip and times pick which requests of the route fail", async () => {
    sim().inject({ route: OVH_ROUTES.servers, kind: "status", status: 500, skip: 1, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await raw(sim(), clock, "GET", "/1.0/dedicated/server")).status);
    expect(statuses).toEqual([200, 500, 500, 200]);
  });

  it("reset drops the connection without an answer; the next request goes through", async () => {
    sim().inject({ route: OVH_ROUTES.servers, kind: "reset" });
    const ovh = signedClient(sim());
    const dropped = await rejection(ovh.requestPromised("GET", "/dedicated/server"));
    expect(dropped.error).toBeDefined();
    expect(dropped.message).toBeUndefined();
    expect(await ovh.requestPromised("GET", "/dedicated/server")).toContain(SCALE);
    expect(
      sim()
        .journal.filter((e) => e.route === OVH_ROUTES.servers)
        .map((e) => e.status),
    ).toEqual([0, 200]);
  });

  it("a 429 `after` the handler: OVH acted (the task exists) although the answer says too many requests", async () => {
    sim().inject({ route: OVH_ROUTES.reinstall, kind: "status", status: 429, when: "after" });
    const post = await raw(sim(), clock, "POST", `/1.0/dedicated/server/${SCALE}/reinstall`, { body: { operatingSystem: "debian12_64" } });
    expect(post).toEqual({ status: 429, body: { class: "Client::TooManyRequests", message: "Too many requests" } });
    expect(sim().server(SCALE).taskIds).toHaveLength(1);
  });

  it("latency `before` the handler is a late answer: the POST is carried out after the delay, even when the client gave up first", async () => {
    sim().inject({ route: OVH_ROUTES.reinstall, kind: "latency", ms: 300 });
    const abandoned = raw(sim(), clock, "POST", `/1.0/dedicated/server/${SCALE}/reinstall`, { body: { operatingSystem: "debian12_64" }, timeoutMs: 50 });
    await expect(abandoned).rejects.toThrow();
    expect(sim().server(SCALE).taskIds).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sim().server(SCALE).taskIds).toHaveLength(1);
    expect(sim().journal.filter((e) => e.route === OVH_ROUTES.reinstall)).toHaveLength(1);
  });

  it("purgeTasks: finished tasks answer 404 and leave the list, and what they installed stays installed", async () => {
    const taskId = sim().startInstall(SCALE, "debian12_64");
    clock.t += 3600_000;
    sim().purgeTasks(SCALE);
    expect(await raw(sim(), clock, "GET", `/1.0/dedicated/server/${SCALE}/task/${taskId}`)).toEqual({
      status: 404,
      body: { message: `The requested object (taskId = ${taskId}) does not exist` },
    });
    expect((await raw(sim(), clock, "GET", `/1.0/dedicated/server/${SCALE}/task?function=reinstallServer`)).body).toEqual([]);
    expect(sim().server(SCALE).os).toBe("debian12_64");
  });

  it("latency delays then answers normally", async () => {
    sim().inject({ route: OVH_ROUTES.servers, kind: "latency", ms: 30 });
    expect(await signedClient(sim()).requestPromised("GET", "/dedicated/server")).toContain(SCALE);
    expect(sim().count({ route: OVH_ROUTES.servers })).toBe(1);
  });

  it("hang never answers: the client's own timeout fires, and close() still returns", async () => {
    const own = await startOvhSimulator({ now: clock.now });
    own.inject({ route: OVH_ROUTES.servers, kind: "hang" });
    const ovh = signedClient(own, { timeout: 200 });
    expect((await rejection(ovh.requestPromised("GET", "/dedicated/server"))).error).toBeDefined();
    expect(own.journal.find((e) => e.route === OVH_ROUTES.servers)?.status).toBe(0);
    await own.close();
  });

  it("counts requests per route, method and credential", async () => {
    const signed = signedClient(sim());
    const oauth = oauth2Client(sim());
    await signed.requestPromised("GET", "/dedicated/server");
    await signed.requestPromised("GET", `/dedicated/server/${SCALE}`);
    await oauth.requestPromised("GET", "/dedicated/server");
    const { applicationKey, clientId } = sim().credentials;
    expect(sim().count({ route: OVH_ROUTES.servers })).toBe(2);
    expect(sim().count({ route: OVH_ROUTES.servers, credential: applicationKey })).toBe(1);
    expect(sim().count({ route: OVH_ROUTES.servers, credential: clientId })).toBe(1);
    expect(sim().count({ method: "GET", credential: applicationKey })).toBe(3); // including GET /auth/time
    expect(sim().journal.find((e) => e.route === OVH_ROUTES.server)).toEqual({
      at: clock.now(),
      method: "GET",
      route: OVH_ROUTES.server,
      path: `/1.0/dedicated/server/${SCALE}`,
      query: {},
      status: 200,
      credential: applicationKey,
    });
    sim().reset();
    expect(sim().journal).toEqual([]);
  });

  it("keeps what clients sent in the body", async () => {
    const body = { operatingSystem: "debian12_64", customizations: { hostname: "mon-tux" }, storage: [{ diskGroupId: 2 }] };
    await signedClient(sim()).requestPromised("POST", `/dedicated/server/${SCALE}/reinstall`, body);
    await oauth2Client(sim()).requestPromised("GET", "/dedicated/server");
    expect(sim().journal.find((e) => e.route === OVH_ROUTES.reinstall)?.body).toEqual(body);
    expect(sim().journal.find((e) => e.route === OVH_ROUTES.oauth2Token)?.body).toBe("grant_type=client_credentials&scope=all");
    expect(sim().journal.find((e) => e.route === OVH_ROUTES.servers)).not.toHaveProperty("body");
  });

  it("unknown routes answer OVH's invalid-URL 404 and are journaled loudly", async () => {
    expect(await raw(sim(), clock, "GET", "/1.0/dedicated/servers", { sign: false })).toEqual({
      status: 404,
      body: { class: "Client::NotFound", message: "Got an invalid (or empty) URL" },
    });
    expect(sim().journal.map((e) => e.route)).toEqual(["UNKNOWN GET /1.0/dedicated/servers"]);
  });

  it("install/start is an unknown route unless enabled, then answers the full legacy task", async () => {
    const legacyBody = {
      templateName: "debian12_64",
      details: { customHostname: "mon-tux" },
      userMetadata: [{ key: "sshKey", value: "ssh-rsa AAAAB3NzaC1yc2E my-key" }],
    };
    const path = `/dedicated/server/${SCALE}/install/start`;
    expect(await rejection(signedClient(sim()).requestPromised("POST", path, legacyBody))).toEqual({ error: 404, message: "Got an invalid (or empty) URL" });
    expect(sim().count({ route: `UNKNOWN POST /1.0${path}` })).toBe(1);

    const legacy = await startOvhSimulator({ now: clock.now, installStart: true });
    try {
      const ovh = signedClient(legacy);
      expect(await ovh.requestPromised("POST", path, legacyBody)).toMatchObject({
        function: "reinstallServer",
        status: "init",
        comment: "Start dedicated server installation",
        needSchedule: false,
        ticketReference: null,
      });
      expect(legacy.count({ route: OVH_ROUTES.installStart })).toBe(1);
      expect(await rejection(ovh.requestPromised("POST", path, { templateName: "debian12_64", userMetadata: [{ key: "language", value: "fr-fr" }] }))).toEqual({
        error: 400,
        message: "Customization language doesn't exist for operating system debian12_64",
      });
    } finally {
      await legacy.close();
    }
  });
});
