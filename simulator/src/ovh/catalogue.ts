/** The simulated OVH catalogue: the installation templates and the dedicated servers they install on. */
export * from "./template-catalogue";
export * from "./server-catalogue";
