import { peakInWindow, percentile, spreadSeconds } from "../../scripts/bench-stats";

describe("bench figures", () => {
  it("peakInWindow counts the most requests in any trailing minute, a request 60 s old no longer in it", () => {
    expect(peakInWindow([])).toBe(0);
    expect(peakInWindow([0, 59_999, 60_000, 60_001])).toBe(3);
    expect(peakInWindow([120_000, 0, 1_000, 500, 61_000])).toBe(3);
  });

  it("percentile is nearest-rank", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(twenty, 50)).toBe(10);
    expect(percentile(twenty, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
  });

  it("spreadSeconds covers the range without repeating, the same on every run", () => {
    const lengths = spreadSeconds(40, 300, 1800);
    expect(new Set(lengths).size).toBe(40);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...lengths)).toBeLessThan(1800);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(1400);
    expect(spreadSeconds(40, 300, 1800)).toEqual(lengths);
  });
});
