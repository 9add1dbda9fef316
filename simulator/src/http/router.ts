/** The part of a route every simulated API shares; each API adds its handler and access rules on top. */
export interface RouteDef {
  readonly method: string;
  /** Path with `{name}` placeholders, e.g. "/dedicated/server/{serviceName}/task/{taskId}". */
  readonly pattern: string;
}

export interface RouteMatch<R extends RouteDef> {
  readonly route: R;
  readonly params: Record<string, string>;
}

/** "GET /dedicated/server/{serviceName}": the name journal entries, counters and faults use for a route. */
export function routeKey(route: RouteDef): string {
  return `${route.method} ${route.pattern}`;
}

/**
 * Finds the route for a request. When several patterns fit, the one with more literal segments wins,
 * so "/installationTemplate/templateInfos" beats "/installationTemplate/{templateName}" whatever the table order.
 */
export function matchRoute<R extends RouteDef>(routes: readonly R[], method: string, path: string): RouteMatch<R> | undefined {
  const segments = path.split("/");
  let best: { match: RouteMatch<R>; literals: number } | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split("/");
    if (pattern.length !== segments.length) continue;
    const params = bindSegments(pattern, segments);
    if (!params) continue;
    const literals = pattern.filter((p) => !isPlaceholder(p)).length;
    if (!best || literals > best.literals) best = { match: { route, params }, literals };
  }
  return best?.match;
}

function bindSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    if (isPlaceholder(pattern[i])) {
      const value = safeDecode(segments[i]);
      if (!value) return undefined;
      params[pattern[i].slice(1, -1)] = value;
    } else if (pattern[i] !== segments[i]) {
      return undefined;
    }
  }
  return params;
}

function isPlaceholder(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
