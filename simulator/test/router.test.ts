import { FaultBook, type Fault } from "../src/http/faults";
import { matchRoute } from "../src/http/router";
import { OVH_ROUTES } from "pulumi-reinstall-simulator";

describe("matchRoute", () => {
  const routes = [
    { method: "GET", pattern: "/dedicated/installationTemplate/{templateName}" },
    { method: "GET", pattern: "/dedicated/installationTemplate/templateInfos" },
    { method: "GET", pattern: "/dedicated/server/{serviceName}/task/{taskId}" },
  ];

  it("binds named, URL-decoded params", () => {
    const match = matchRoute(routes, "GET", "/dedicated/server/ns1.ip-1-2-3.eu/task/42");
    expect(match?.route.pattern).toBe("/dedicated/server/{serviceName}/task/{taskId}");
    expect(match?.params).toEqual({ serviceName: "ns1.ip-1-2-3.eu", taskId: "42" });
    expect(matchRoute(routes, "GET", "/dedicated/installationTemplate/a%20b")?.params).toEqual({ templateName: "a b" });
  });

  it("prefers the literal segment over a placeholder whatever the table order", () => {
    expect(matchRoute(routes, "GET", "/dedicated/installationTemplate/templateInfos")?.route.pattern).toBe("/dedicated/installationTemplate/templateInfos");
  });

  it("does not match another method, an empty param, or extra segments", () => {
    expect(matchRoute(routes, "POST", "/dedicated/server/ns1/task/42")).toBeUndefined();
    expect(matchRoute(routes, "GET", "/dedicated/server//task/42")).toBeUndefined();
    expect(matchRoute(routes, "GET", "/dedicated/server/ns1/task/42/cancel")).toBeUndefined();
  });
});

describe("FaultBook", () => {
  const route = OVH_ROUTES.servers;
  const status: Fault = { route, kind: "status", status: 503 };

  it("skips, then affects `times` requests, then lets everything through", () => {
    const book = new FaultBook();
    book.inject({ ...status, skip: 1, times: 2 });
    expect([1, 2, 3, 4].map(() => book.claim(route)?.kind)).toEqual([undefined, "status", "status", undefined]);
  });

  it("only affects its own route, once by default", () => {
    const book = new FaultBook();
    book.inject(status);
    expect(book.claim(OVH_ROUTES.authTime)).toBeUndefined();
    expect(book.claim(route)).toBe(status);
    expect(book.claim(route)).toBeUndefined();
  });

  it("counts every matching request against each fault's skip", () => {
    const book = new FaultBook();
    book.inject({ route, kind: "reset" });
    book.inject({ route, kind: "hang", skip: 1 });
    expect([1, 2, 3].map(() => book.claim(route)?.kind)).toEqual(["reset", "hang", undefined]);
  });
});
