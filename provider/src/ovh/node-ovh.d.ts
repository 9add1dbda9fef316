/** The part of @ovhcloud/node-ovh 3.x we use; the package ships no typings (docs/api/ovh-transport.md#node-ovh). */
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
    /** The shape of a simple-oauth2 token that node-ovh's OAuth2 path reads (lib/ovh.js `request`). */
    interface PresetToken {
      token: { access_token: string };
      expired(marginSeconds?: number): boolean;
    }
    interface NodeOvh {
      /** Where requests go, from the endpoint name or the params. */
      host: string;
      port: number;
      /** Set with OAuth2 credentials: simple-oauth2's config and its client (a ClientCredentials). */
      oauthConfig?: { client: object; auth: { tokenHost: string; tokenPath: string } };
      oauthClient?: { getToken(params: object): Promise<unknown> };
      /** On the OAuth2 path: the token sent as `Authorization: Bearer`, fetched again once `expired(10)` is true. */
      accessToken?: PresetToken;
      /** Async: the promise settles when the call is done, and rejects if node-ovh itself throws. */
      request(method: string, path: string, params: Record<string, unknown>, callback: Callback): Promise<void>;
    }
  }
  export = ovh;
}
