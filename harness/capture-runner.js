// Runs inside a packed install: executes a compiled example program under @pulumi/pulumi's mocks and prints
// what it registers, as the engine would receive it, and what it exports. Plain JavaScript: it is copied next to the program and
// must load that install's @pulumi/pulumi, not this repository's.
const path = require("node:path");

const [programDir, project, configJson, outputNamesJson] = process.argv.slice(2);
process.chdir(programDir);
const load = (id) => require(require.resolve(id, { paths: [programDir] }));
const pulumi = load("@pulumi/pulumi");
const { MockMonitor } = load("@pulumi/pulumi/runtime/mocks");

const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (v) => typeof v === "object" && v !== null && v[sigKey] === secretSig;
const unwrap = (v) =>
  isSecret(v)
    ? unwrap(v.value)
    : Array.isArray(v)
      ? v.map(unwrap)
      : typeof v === "object" && v !== null
        ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, unwrap(e)]))
        : v;

// The mocks API hides the registration's options; the monitor sees them.
const secretOutputs = new Map();
const register = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (req, callback) {
  secretOutputs.set(req.getName(), req.getAdditionalsecretoutputsList());
  return register.call(this, req, callback);
};

const registrations = [];
const marker = "\u0000output\u0000";
/** The program's exports: a marker becomes the resource and property it names; any other value is kept as it is. */
const exportsOf = (program) =>
  Promise.all(
    Object.entries(program).map(async ([name, value]) => {
      const resolved = pulumi.Output.isInstance(value) ? await new Promise((resolve) => value.apply(resolve)) : value;
      const from = typeof resolved === "string" && resolved.startsWith(marker) ? resolved.slice(marker.length).split("\u0000") : undefined;
      return [name, from ? { resource: from[0], property: from[1] } : { value: resolved }];
    }),
  ).then(Object.fromEntries);
pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(JSON.parse(configJson)).map(([k, v]) => [`${project}:${k}`, v])));
pulumi.runtime
  .setMocks(
    {
      newResource: (args) => {
        registrations.push({
          type: args.type,
          name: args.name,
          inputs: unwrap(args.inputs),
          secretInputs: Object.keys(args.inputs).filter((k) => isSecret(args.inputs[k])),
        });
        // Each output reads as a marker naming its resource and property, so an export shows where it comes from.
        const markers = Object.fromEntries(JSON.parse(outputNamesJson).map((k) => [k, `${marker}${args.name}\u0000${k}`]));
        return { id: `${args.name}-id`, state: { ...markers, ...args.inputs } };
      },
      call: () => ({}),
    },
    project,
    "dev",
    true,
  )
  .then(() => {
    const program = require(path.join(programDir, "bin", "index.js"));
    setTimeout(async () => {
      for (const r of registrations) r.additionalSecretOutputs = secretOutputs.get(r.name) ?? [];
      process.stdout.write(JSON.stringify({ registrations, exports: await exportsOf(program) }));
    }, 500);
  });
