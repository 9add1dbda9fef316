import type ovh from "@ovhcloud/node-ovh";

/**
 * node-ovh 3.0.0 takes an application key or OAuth2 client credentials, not a ready access token (OVH_ACCESS_TOKEN,
 * which go-ovh and terraform-provider-ovh send as `Authorization: Bearer <token>` and sign nothing). Its OAuth2 path
 * sends exactly that: no signature, no /auth/time, `Bearer ${accessToken.token.access_token}`, and it asks the token
 * URL for a new token only when it holds none or `accessToken.expired(10)` is true (lib/ovh.js `request`). So the
 * client is built on that path with these placeholder client credentials, which are never sent, and is handed the
 * token as one that never expires: OVH alone judges it, and a 401 names the token (auth-refusal.ts). node-ovh
 * refuses that path without a token URL, which its kimsufi and soyoustart endpoints lack: hence one that never resolves.
 */
export const accessTokenParams: ovh.NodeOvhParams = {
  clientID: "pulumi-reinstall-access-token",
  clientSecret: "never-sent",
  tokenURL: "https://token.invalid/",
};

export function presetAccessToken(token: string): ovh.PresetToken {
  return { token: { access_token: token }, expired: () => false };
}
