import type { CheckFailure } from "../../check-failures";
import { quoted } from "../../text-inputs";
import { touchesUnknown, type Path } from "../../unknowns";
import { isReinstallError } from "../../errors";
import type { OvhLookups, ServerFacts } from "../lookups";
import type { Template } from "../responses";
import { adoptionFailures } from "./adopt-install";
import { answerProblem, needsAnswer } from "./answers";
import type { DedicatedServerInstallInputs } from "./inputs";
import { furtherStorageFailures } from "./further-storage";
import { describeGroups, storageFailures } from "./storage";
import { resolveBoot } from "./on-delete";

export interface LiveCheck {
  inputs: Partial<DedicatedServerInstallInputs>;
  unknownPaths: Path[];
  lookups: OvhLookups;
  /** Today, as YYYY-MM-DD, from the injected clock. */
  today: string;
  /**
   * A create with `adopt`: nothing is installed, so the template need not be installable today (compatible, not
   * past endOfInstall); the server must run it instead.
   */
  adopting?: boolean;
}

/**
 * Validates what zod cannot: the request against the live catalogue and server, before anything is erased.
 * Rules that depend on a value still unknown at preview are skipped; they run again at `up`.
 */
export async function liveFailures({ inputs, unknownPaths, lookups, today, adopting }: LiveCheck): Promise<CheckFailure[]> {
  const known = (...path: Path) => !touchesUnknown(path, unknownPaths);
  const failures: CheckFailure[] = [];
  const fail = (property: string, reason: string) => failures.push({ property, reason });
  const { serviceName, templateName } = inputs;

  const [server, template] = await Promise.all([
    serviceName && known("serviceName") ? lookups.server(serviceName) : undefined,
    templateName && known("templateName") ? lookups.template(templateName) : undefined,
  ]);

  if (serviceName && known("serviceName") && !server) {
    const names = await lookups.serverNames();
    fail("serviceName", `no dedicated server ${quoted(serviceName)} in this OVH account; servers: ${names.join(", ") || "(none)"}`);
  }
  if (adopting && server && serviceName && templateName && known("templateName")) {
    failures.push(...(await adoptionFailures(lookups.api, { serviceName, templateName })));
  } else if (templateName && known("templateName")) {
    const problem = await templateProblem(templateName, template, server, { serviceName, lookups, today });
    if (problem) fail("templateName", problem);
  }

  if (template) failures.push(...answerFailures(inputs, template, known));

  const storage = inputs.storage?.[0];
  // install/start does not take storage (a failure below), so its fit with the disks is not looked at.
  const storageChecked = known("storage") && known("diskGroupId") && inputs.installApi !== "install/start";
  const checkedStorage = storage && template && storageChecked ? { storage, template } : undefined;
  const keepsOrErases = storageChecked && (inputs.storage?.length ?? 0) > 1;
  const disks =
    server && serviceName && (inputs.diskGroupId !== undefined || checkedStorage || keepsOrErases) ? await lookups.diskGroups(serviceName) : undefined;
  const diskGroups = disks?.groups;
  if (inputs.diskGroupId !== undefined && diskGroups && !diskGroups.some((g) => g.diskGroupId === inputs.diskGroupId)) {
    fail("diskGroupId", `the server has no disk group ${inputs.diskGroupId}; disk groups: ${describeGroups(diskGroups)}`);
  }

  if (inputs.partitionSchemeName && template && known("partitionSchemeName")) {
    const schemes = await lookups.partitionSchemes(template.templateName);
    if (!schemes.includes(inputs.partitionSchemeName)) {
      fail(
        "partitionSchemeName",
        `template ${template.templateName} has no partition scheme ${quoted(inputs.partitionSchemeName)}; schemes: ${schemes.join(", ") || "(none)"}`,
      );
    }
  }

  if (inputs.onDelete && server && serviceName && known("onDelete")) {
    const resolved = await resolveBoot(inputs.onDelete, serviceName, lookups);
    if ("failure" in resolved) failures.push(resolved.failure);
  }

  if (storage && inputs.installApi === "install/start") {
    fail("storage", 'storage is only sent by installApi "reinstall"; install/start does not take it');
  } else if (checkedStorage) {
    failures.push(
      ...storageFailures(checkedStorage.storage, {
        template: checkedStorage.template,
        diskGroups,
        diskGroupId: inputs.diskGroupId,
        defaultDiskGroupId: disks?.defaultId,
        partitionSchemeName: inputs.partitionSchemeName,
      }),
    );
  }
  if (keepsOrErases && inputs.storage)
    failures.push(...furtherStorageFailures(inputs.storage, storage?.diskGroupId || inputs.diskGroupId || disks?.defaultId, diskGroups));
  return failures;
}

function answerFailures(inputs: Partial<DedicatedServerInstallInputs>, template: Template, known: (...path: Path) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const questions = template.inputs ?? [];
  const answers = inputs.userMetadata ?? {};
  const names = questions.map((q) => q.name);

  for (const [key, value] of Object.entries(answers)) {
    if (!known("userMetadata", key)) continue;
    const question = questions.find((q) => q.name === key);
    if (!question) {
      failures.push({
        property: `userMetadata.${key}`,
        reason: `template ${template.templateName} has no question ${quoted(key)}; its questions: ${names.join(", ") || "(none)"}`,
      });
      continue;
    }
    const problem = answerProblem(question, value);
    if (problem) failures.push({ property: `userMetadata.${key}`, reason: problem });
  }

  if (known("userMetadata")) {
    for (const q of questions.filter(needsAnswer)) {
      if (answers[q.name] === undefined && !(q.name === "hostname" && inputs.customHostname)) {
        failures.push({
          property: "userMetadata",
          reason: `template ${template.templateName} requires an answer to "${q.name}" (${q.type}${q.description ? `: ${q.description}` : ""})`,
        });
      }
    }
  }

  if (inputs.customHostname && answers.hostname !== undefined && answers.hostname !== inputs.customHostname) {
    failures.push({ property: "userMetadata.hostname", reason: "userMetadata.hostname disagrees with customHostname; set the hostname in one place" });
  }
  return failures;
}

interface TemplateContext {
  serviceName?: string;
  lookups: OvhLookups;
  today: string;
}

/** Why the server cannot have this template now, with the templates it can: compatible and not past endOfInstall. */
async function templateProblem(
  name: string,
  template: Template | undefined,
  server: ServerFacts | undefined,
  ctx: TemplateContext,
): Promise<string | undefined> {
  const ended = template?.endOfInstall?.slice(0, 10);
  const problem = !template
    ? `OVH has no template ${quoted(name)}`
    : server && !server.compatibleTemplates.includes(name)
      ? `template ${name} cannot be installed on ${ctx.serviceName}`
      : ended && ended < ctx.today
        ? `template ${name} is no longer installable: OVH ended its installation on ${ended} (endOfInstall)`
        : undefined;
  if (!problem) return undefined;
  if (!server) return `${problem}; list the templates with GET /dedicated/installationTemplate/templateInfos`;
  return `${problem}; templates ${ctx.serviceName} can install today: ${await installableToday(server.compatibleTemplates, ctx)}`;
}

async function installableToday(names: string[], { lookups, today }: TemplateContext): Promise<string> {
  // Only a hint, on a preview that already fails: if the catalogue cannot be read, the compatible list stands.
  const ends = await lookups.endsOfInstall().catch((e: unknown) => {
    if (isReinstallError(e, "OVH_API_ERROR")) return undefined;
    throw e;
  });
  const open = names.filter((n) => (ends?.get(n) ?? today) >= today);
  return open.length > 0 ? open.join(", ") : "(none)";
}
