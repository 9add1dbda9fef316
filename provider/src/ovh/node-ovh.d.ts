/** The part of @ovhcloud/node-ovh 3.x we use; the package ships no typings (ovh-api.md §9.1). */
declare module "@ovhcloud/node-ovh" {
  function ovh(params: ovh.NodeOvhParams): ovh.NodeOvh;
  namespace ovh {
    interface NodeOvhParams {
      endpoint?: string;
      host?: string;
      port?: number;
      basePath?: string;
      tokenURL?: string;
      appKey?: string;
      appSecret?: string;
      consumerKey?: string;
      clientID?: string;
      clientSecret?: string;
      debug?: (...args: unknown[]) => void;
    }
    type Callback = (error: unknown, result: unknown) => void;
    interface NodeOvh {
      /** Where requests go, from the endpoint name or the params. */
      host: string;
      port: number;
      /** Set with OAuth2 credentials: simple-oauth2's config and its client (a ClientCredentials). */
      oauthConfig?: { client: object; auth: { tokenHost: string; tokenPath: string } };
      oauthClient?: { getToken(params: object): Promise<unknown> };
      /** Async: the promise settles when the call is done, and rejects if node-ovh itself throws. */
      request(method: string, path: string, params: Record<string, unknown>, callback: Callback): Promise<void>;
    }
  }
  export = ovh;
}
