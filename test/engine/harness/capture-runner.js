// Runs inside a packed install: executes a compiled example program under @pulumi/pulumi's mocks and prints
// what it registers, as the engine would receive it. Plain JavaScript: it is copied next to the program and
// must load that install's @pulumi/pulumi, not this repository's.
const path = require("node:path");

const [programDir, project, configJson] = process.argv.slice(2);
process.chdir(programDir);
const load = (id) => require(require.resolve(id, { paths: [programDir] }));
const pulumi = load("@pulumi/pulumi");
const { MockMonitor } = load("@pulumi/pulumi/runtime/mocks");

const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const isSecret = (v) => typeof v === "object" && v !== null && v[sigKey] === secretSig;
const unwrap = (v) => (isSecret(v) ? unwrap(v.value) : Array.isArray(v) ? v.map(unwrap) : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).map(([k, e]) => [k, unwrap(e)])) : v);

// The mocks API hides the registration's options; the monitor sees them.
const secretOutputs = new Map();
const register = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (req, callback) {
  secretOutputs.set(req.getName(), req.getAdditionalsecretoutputsList());
  return register.call(this, req, callback);
};

const registrations = [];
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
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    project,
    "dev",
    true,
  )
  .then(() => {
    require(path.join(programDir, "bin", "index.js"));
    setTimeout(() => {
      for (const r of registrations) r.additionalSecretOutputs = secretOutputs.get(r.name) ?? [];
      process.stdout.write(JSON.stringify(registrations));
    }, 500);
  });
