/**
 * The dynamic provider host's "created but not initialized" form: an error carrying the resource `id` and
 * its `properties` (@pulumi/pulumi cmd/dynamic-provider grpcResponseFromError). The engine keeps the resource
 * in state with those outputs, and the next `pulumi up` calls update, which resumes instead of starting over.
 * The properties hold secrets (the password, cloud-init data, answers), so they sit behind a non-enumerable
 * getter: the host reads `error.properties`, while JSON.stringify skips it and util.inspect (console.log of the
 * error, even with showHidden) shows only "[Getter]".
 */
export function asInitFailure<E extends Error>(error: E, id: string, properties: Record<string, unknown>): E {
  Object.defineProperty(error, "id", { value: id, enumerable: false });
  Object.defineProperty(error, "properties", { get: () => properties, enumerable: false });
  Object.defineProperty(error, "reasons", { value: [error.message], enumerable: false });
  return error;
}
