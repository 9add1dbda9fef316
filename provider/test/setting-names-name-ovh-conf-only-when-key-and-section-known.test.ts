import { edisSettings } from "../src/edis/config";
import { ovhSettings } from "../src/ovh/config";
import { requestBudgetSettings } from "../src/ovh/request-budget";
import { settingNames } from "../src/settings";

/**
 * The text that tells a user where a setting may be given names the ovh.conf place only when both the key and the
 * section to write it under are known: "endpoint in ovh.conf [undefined]" would send the user to a section that does
 * not exist, and a setting the SDKs' file has no key for cannot be put there at all.
 */
describe("settingNames: where a setting may be given", () => {
  it("names the ovh.conf key and section when both are known", () => {
    expect(settingNames(ovhSettings, ["endpoint", "accessToken"], "ovh-eu")).toBe(
      "ovh:endpoint / OVH_ENDPOINT / endpoint in ovh.conf [ovh-eu], ovh:accessToken / OVH_ACCESS_TOKEN / access_token in ovh.conf [ovh-eu]",
    );
  });

  it("names only the config key and variable when the section is not known, though the setting has an ovh.conf key", () => {
    expect(settingNames(ovhSettings, ["endpoint"])).toBe("ovh:endpoint / OVH_ENDPOINT");
  });

  it("names only the config key and variable when the setting has no ovh.conf key, whatever the section", () => {
    expect(settingNames(edisSettings, ["email", "password"], "ovh-eu")).toBe("edis:email / EDIS_EMAIL, edis:password / EDIS_PASSWORD");
    expect(settingNames(requestBudgetSettings, ["requestsPerMinute"])).toBe("ovh:requestsPerMinute / OVH_REQUESTS_PER_MINUTE");
  });
});
