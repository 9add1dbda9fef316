import { edisFixture, type EdisFixture } from "./edis";
import { normalised } from "./normalised";
import { ovhFixture, SCALE7, type OvhFixture, type Props } from "./ovh";

/**
 * The failures the real check returns against the simulator, for the files that pin every distinct check text
 * (issue 11): a change to what users read at preview shows there as a reviewed diff. One simulator per file,
 * started before its tests and closed after them. What each rule does is asserted in check.test.ts,
 * check-messages.test.ts and kvm-check.test.ts.
 */
export function ovhCheckFailures() {
  let ovh: OvhFixture;
  beforeAll(async () => {
    ovh = await ovhFixture();
  });
  afterAll(() => ovh.close());
  const failures = async (extra: Props, olds: Props = {}) =>
    (await ovh.provider.check(olds, { serviceName: SCALE7, templateName: "debian12_64", ...extra })).failures;
  return Object.assign(failures, { warnings: () => ovh.warnings });
}

export function kvmCheckFailures() {
  let edis: EdisFixture;
  beforeAll(async () => {
    edis = await edisFixture();
  });
  afterAll(() => edis.close());
  return async (extra: Props) => normalised((await edis.provider.check({}, edis.inputs(undefined, extra))).failures);
}
