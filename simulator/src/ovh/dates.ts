const parisOffset = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "longOffset" });

/** "2026-11-22T06:02:38+01:00": OVH v1 writes datetimes in Paris time with an explicit offset (docs/api/ovh.md#reinstall-answer). */
export function ovhDateTime(ms: number): string {
  const { local, offsetMinutes } = paris(ms);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.toISOString().slice(0, 19)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The calendar day in Paris, "YYYY-MM-DD", comparable with a template's endOfInstall. */
export function ovhDate(ms: number): string {
  return paris(ms).local.toISOString().slice(0, 10);
}

function paris(ms: number): { local: Date; offsetMinutes: number } {
  const utc = new Date(Math.floor(ms / 1000) * 1000);
  const name = parisOffset.formatToParts(utc).find((p) => p.type === "timeZoneName")?.value ?? "";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const offsetMinutes = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return { local: new Date(utc.getTime() + offsetMinutes * 60_000), offsetMinutes };
}
