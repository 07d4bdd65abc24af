import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight.ts";

/** A computation that ends when told to, counting its starts. */
function gate<T>() {
  let starts = 0;
  const pending: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const compute = () => {
    starts++;
    return new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { compute, starts: () => starts, pending };
}

describe("singleFlight", () => {
  it("runs one computation for every caller asking the same key of the same owner meanwhile", async () => {
    const flight = singleFlight<number>();
    const db = {};
    const g = gate<number>();
    const calls = Array.from({ length: 50 }, () => flight(db, "24h", g.compute));
    expect(g.starts()).toBe(1);
    g.pending[0]?.resolve(7);
    expect(await Promise.all(calls)).toEqual(Array(50).fill(7));
  });

  it("computes afresh once the computation has settled", async () => {
    const flight = singleFlight<number>();
    const db = {};
    const g = gate<number>();
    const first = flight(db, "24h", g.compute);
    g.pending[0]?.resolve(1);
    await first;
    const second = flight(db, "24h", g.compute);
    expect(g.starts()).toBe(2);
    g.pending[1]?.resolve(2);
    expect(await second).toBe(2);
  });

  it("keeps other keys and other owners apart", async () => {
    const flight = singleFlight<string>();
    const [a, b] = [{}, {}];
    const g = gate<string>();
    const calls = [
      flight(a, "24h", g.compute),
      flight(a, "7d", g.compute),
      flight(b, "24h", g.compute),
    ];
    expect(g.starts()).toBe(3);
    g.pending.forEach((p, i) => {
      p.resolve(`r${i}`);
    });
    expect(await Promise.all(calls)).toEqual(["r0", "r1", "r2"]);
  });

  it("shares a failure with the callers that joined, and forgets it", async () => {
    const flight = singleFlight<number>();
    const db = {};
    const g = gate<number>();
    const calls = [flight(db, "k", g.compute), flight(db, "k", g.compute)];
    g.pending[0]?.reject(new Error("database gone"));
    for (const call of calls) await expect(call).rejects.toThrow("database gone");
    const retry = flight(db, "k", g.compute);
    expect(g.starts()).toBe(2);
    g.pending[1]?.resolve(3);
    expect(await retry).toBe(3);
  });
});
