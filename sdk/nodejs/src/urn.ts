import * as pulumi from "@pulumi/pulumi";

/**
 * The resource's URN, computed as the engine does, passed as the hidden input `__urn`: the dynamic provider
 * host never tells the provider which resource it works on, and progress must be shown beside it.
 */
export function dynamicResourceUrn(name: string, module: string, type: string, opts?: pulumi.CustomResourceOptions): pulumi.Output<string> {
  return pulumi.createUrn(name, `pulumi-nodejs:dynamic/${module}:${type}`, opts?.parent);
}
