import { EDIS_IMAGES } from "../catalogue";
import { invalidParameters } from "../errors";
import { field, ok, type EdisRoute } from "../route";
import { EDIS_ROUTES, routeOf } from "../../route-names";

/**
 * POST /kvm/v2/get/images and /kvm/v2/set/reinstall on the API host (docs/api/edis.md#images, docs/api/edis.md#reinstall). The reinstall answers
 * `{"status":"success"}` at once; that only means "accepted", the install then runs for minutes (docs/api/edis.md#install-duration-and-ports).
 */
export const installRoutes: EdisRoute[] = [
  {
    ...routeOf(EDIS_ROUTES.images),
    access: "session",
    handler: () => ok({ data: EDIS_IMAGES, status: "success" }),
  },
  {
    ...routeOf(EDIS_ROUTES.reinstall),
    access: "session",
    handler: ({ fields, world }) => {
      const image = field(fields, "image");
      const password = field(fields, "password");
      // Inferred: the spec marks no field required (docs/api/edis.md#reinstall), but reinstalling without a known image or a password cannot work.
      if (image === undefined || !EDIS_IMAGES.includes(image) || password === undefined) return invalidParameters();
      world.state.startReinstall(fields.kvm_id, { image, password, cloudInitUserData: field(fields, "cloudinit_user_data") ?? null });
      return ok({ status: "success" });
    },
  },
];
