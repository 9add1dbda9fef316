/**
 * A warning as the engine shows it: every warning and notice names its resource the same way, as errors do
 * ("DedicatedServerInstall ns3001234.ip-51-68-1.eu: …"), so a stack of many machines says which one it is about.
 */
export function warningText(resource: string, sentence: string): string {
  return `${resource}: ${sentence}`;
}
