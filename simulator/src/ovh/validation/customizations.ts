import type { Reply } from "../../http/exchange";
import type { TemplateInput, TemplateSpec } from "../catalogue";
import { invalidParameter, ovhError } from "../errors";
import { isRecord } from "../route";
import { formatProblem } from "./input-format";

/**
 * Customization keys the API takes for every OS, beyond the template's own inputs. The official win2022core-std_64
 * example sends a hostname although that template has no hostname input (docs/api/ovh.md#reinstall-examples).
 */
const GENERIC_INPUTS: readonly TemplateInput[] = [
  { name: "hostname", type: "hostname", mandatory: false, default: "", description: "Custom hostname", enum: [] },
];

// RFC 1035 §2.3.4 caps a name at 255 octets; §2.3.1 shapes each label (docs/api/ovh.md#reinstall-errors cites both).
const HOSTNAME_LIMIT = 255;
const LABEL = /^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Checks `customizations` against the template (docs/api/ovh.md#reinstall-request,
 * docs/api/ovh-templates.md#template-inputs); returns the error, or the hostname asked for.
 */
export function checkCustomizations(template: TemplateSpec, customizations: unknown): { reply: Reply } | { hostname: string | null } {
  const given = customizations ?? {};
  if (!isRecord(given)) return { reply: invalidParameter("customizations", "must be an object") };
  const os = template.templateName;
  const inputs = [...template.inputs, ...GENERIC_INPUTS.filter((g) => !template.inputs.some((i) => i.name === g.name))];

  for (const name of Object.keys(given)) {
    if (!inputs.some((i) => i.name === name)) {
      return { reply: ovhError(400, "Client::BadRequest::CustomizationName", `Customization ${name} doesn't exist for operating system ${os}`) };
    }
  }
  for (const input of inputs) {
    const value = given[input.name];
    if (value === undefined || value === "") continue;
    const problem = formatProblem(input.type, input.enum, value);
    if (problem) {
      return {
        reply: ovhError(
          400,
          "Client::BadRequest::CustomizationInvalidFormat",
          `Invalid customization format for ${input.name} of type ${input.type}: ${problem}`,
        ),
      };
    }
  }
  for (const input of inputs) {
    const answered = given[input.name] !== undefined && given[input.name] !== "";
    if (input.mandatory && !answered && !input.default) {
      // Inferred class and wording: the guide only says the API "will return an error" (docs/api/ovh-templates.md#template-inputs).
      return { reply: ovhError(400, "Client::BadRequest::CustomizationMandatory", `Customization ${input.name} is mandatory for operating system ${os}`) };
    }
  }
  const hostname = typeof given.hostname === "string" && given.hostname !== "" ? given.hostname : null;
  const reply = hostname === null ? undefined : hostnameProblem(hostname);
  return reply ? { reply } : { hostname };
}

function hostnameProblem(hostname: string): Reply | undefined {
  if (hostname.length > HOSTNAME_LIMIT) {
    return ovhError(
      400,
      "Client::BadRequest::HostnameSizeExceeded",
      `Hostname provided is ${hostname.length} length. It shall not be longer than ${HOSTNAME_LIMIT} characters, see RFC 1035, section 2.3.4`,
    );
  }
  const bad = hostname.split(".").find((label) => !LABEL.test(label));
  if (bad === undefined) return undefined;
  return ovhError(
    400,
    "Client::BadRequest::HostnameInvalidFormat",
    `Invalid hostname ${bad}; must contain no more than 63 characters, start with a letter, end with a letter or a digit and contain only letters, digits and hyphens, see RFC 1035, section 2.3.1`,
  );
}
