import { findTemplate, OVH_TEMPLATES, partitionSchemes, type TemplateSpec } from "../catalogue";
import { objectNotFound } from "../errors";
import { ok, type OvhCall, type OvhRoute } from "../route";

const TEMPLATE = "/dedicated/installationTemplate/{templateName}";

/** The template catalogue; the first three routes need no authentication, partition schemes do (docs/api/ovh-templates.md#template-routes). */
export const templateRoutes: OvhRoute[] = [
  {
    method: "GET",
    pattern: "/dedicated/installationTemplate",
    access: "public",
    handler: () => ok(OVH_TEMPLATES.map((t) => t.templateName).sort()),
  },
  {
    method: "GET",
    pattern: "/dedicated/installationTemplate/templateInfos",
    access: "public",
    // `dedicated.TemplateOsInfo` (docs/api/ovh-templates.md#template-infos).
    handler: () =>
      ok(
        OVH_TEMPLATES.map(({ templateName, description, category, family, subfamily, endOfInstall, license, project }) => ({
          templateName, description, category, family, subfamily, endOfInstall, license, project,
        })),
      ),
  },
  { method: "GET", pattern: TEMPLATE, access: "public", handler: withTemplate((t) => ok(t)) },
  { method: "GET", pattern: `${TEMPLATE}/partitionScheme`, access: "authenticated", handler: withTemplate((t) => ok(partitionSchemes(t))) },
];

/** Inferred 404 wording, modelled on the other object-not-found answers (docs/api/ovh-templates.md#unknown-objects). */
function withTemplate(handler: (template: TemplateSpec) => ReturnType<OvhRoute["handler"]>) {
  return (call: OvhCall) => {
    const template = findTemplate(call.params.templateName);
    return template ? handler(template) : objectNotFound("templateName", call.params.templateName, "Client::NotFound");
  };
}
