import type * as pulumi from "@pulumi/pulumi";

/**
 * The serialized half of a resource: Pulumi stores this object in state (`__provider`) and rebuilds it in the
 * provider process. It captures only the accessor's name; every method loads the provider package by name
 * there, where credentials come from `configure()` (pulumi/pulumi#13960, #8265).
 *
 * The host resolves from the program's directory, which sees only the program's own dependencies under a
 * strict layout (pnpm): the provider is found from the SDK's installed location, where it is a dependency.
 */
export function delegateTo(accessor: "dedicatedServerInstall" | "kvmReinstall"): pulumi.dynamic.ResourceProvider {
  const target = () => {
    const sdk = require("node:path").dirname(require.resolve("pulumi-reinstall/package.json"));
    return require(require.resolve("pulumi-reinstall-provider", { paths: [sdk] }))[accessor]();
  };
  return {
    configure: (req) => target().configure(req),
    check: (olds, news) => target().check(olds, news),
    diff: (id, olds, news) => target().diff(id, olds, news),
    create: (inputs) => target().create(inputs),
    read: (id, props) => target().read(id, props),
    update: (id, olds, news) => target().update(id, olds, news),
    delete: (id, props) => target().delete(id, props),
  };
}
