import { findTemplate, OVH_TEMPLATES, partitionSchemes, type TemplateSpec } from "../catalogue";
import { objectNotFound } from "../errors";
import { ok, type OvhCall, type OvhRoute } from "../route";
import { OVH_ROUTES, routeOf } from "../../route-names";

/** The template catalogue; the first three routes need no authentication, partition schemes do (docs/api/ovh-templates.md#template-routes). */
export const templateRoutes: OvhRoute[] = [
  {
    ...routeOf(OVH_ROUTES.templates),
    access: "public",
    handler: () => ok(OVH_TEMPLATES.map((t) => t.templateName).sort()),
  },
  {
    ...routeOf(OVH_ROUTES.templateInfos),
    access: "public",
    // `dedicated.TemplateOsInfo` (docs/api/ovh-templates.md#template-infos).
    handler: () =>
      ok(
        OVH_TEMPLATES.map(({ templateName, description, category, family, subfamily, endOfInstall, license, project }) => ({
          templateName,
          description,
          category,
          family,
          subfamily,
          endOfInstall,
          license,
          project,
        })),
      ),
  },
  { ...routeOf(OVH_ROUTES.template), access: "public", handler: withTemplate((t) => ok(t)) },
  { ...routeOf(OVH_ROUTES.partitionScheme), access: "authenticated", handler: withTemplate((t) => ok(partitionSchemes(t))) },
];

/** Inferred 404 wording, modelled on the other object-not-found answers (docs/api/ovh-templates.md#unknown-objects). */
function withTemplate(handler: (template: TemplateSpec) => ReturnType<OvhRoute["handler"]>) {
  return (call: OvhCall) => {
    const template = findTemplate(call.params.templateName);
    return template ? handler(template) : objectNotFound("templateName", call.params.templateName, "Client::NotFound");
  };
}
