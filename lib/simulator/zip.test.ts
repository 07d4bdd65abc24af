import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipFiles } from "./zip.ts";

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

function u32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(offset, true);
}

function u16(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint16(offset, true);
}

describe("zipFiles", () => {
  it("round-trips text and binary files through fflate's unzipSync", () => {
    const binary = new Uint8Array(256).map((_, i) => i);
    const xml = `<?xml version="1.0"?>\n${"<testcase/>\n".repeat(200)}`;
    const zip = zipFiles([
      { name: "junit.xml", content: xml },
      { name: "reports/coverage/lcov.info", content: "TN:\nSF:lib/a.ts\nend_of_record\n" },
      { name: "bin/data.bin", content: binary },
      { name: "empty.txt", content: "" },
      { name: "ünïcødé – résumé.txt", content: "héllo ✓" },
    ]);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual([
      "junit.xml",
      "reports/coverage/lcov.info",
      "bin/data.bin",
      "empty.txt",
      "ünïcødé – résumé.txt",
    ]);
    expect(strFromU8(files["junit.xml"] ?? new Uint8Array())).toBe(xml);
    expect(strFromU8(files["reports/coverage/lcov.info"] ?? new Uint8Array())).toBe(
      "TN:\nSF:lib/a.ts\nend_of_record\n",
    );
    expect(files["bin/data.bin"]).toEqual(binary);
    expect(files["empty.txt"]?.length).toBe(0);
    expect(strFromU8(files["ünïcødé – résumé.txt"] ?? new Uint8Array())).toBe("héllo ✓");
  });

  it("writes a standard archive: local headers with deflate, a central directory, an end record", () => {
    const xml = "<testsuite>\n".repeat(500);
    const zip = zipFiles([{ name: "junit.xml", content: xml }]);
    expect(u32(zip, 0)).toBe(LOCAL_HEADER);
    expect(u16(zip, 8)).toBe(8); // compression method: deflate
    const compressedSize = u32(zip, 18);
    expect(u32(zip, 22)).toBe(xml.length); // uncompressed size
    expect(compressedSize).toBeLessThan(xml.length / 10);
    const end = zip.length - 22; // no archive comment
    expect(u32(zip, end)).toBe(END_OF_CENTRAL_DIRECTORY);
    expect(u16(zip, end + 10)).toBe(1); // total entries
    expect(u32(zip, u32(zip, end + 16))).toBe(CENTRAL_HEADER);
  });

  it("is deterministic: the same files give the same bytes", () => {
    const files = [
      { name: "a.txt", content: "alpha" },
      { name: "b/c.txt", content: "gamma" },
    ];
    expect(zipFiles(files)).toEqual(zipFiles(files));
  });

  it("stores the given modification time", () => {
    const zip = zipFiles([
      { name: "a.txt", content: "x", mtime: new Date(2026, 4, 7, 19, 34, 16) },
    ]);
    const dosTime = u16(zip, 10);
    const dosDate = u16(zip, 12);
    expect(dosDate >> 9).toBe(2026 - 1980);
    expect((dosDate >> 5) & 0x0f).toBe(5);
    expect(dosDate & 0x1f).toBe(7);
    expect(dosTime >> 11).toBe(19);
    expect((dosTime >> 5) & 0x3f).toBe(34);
    expect((dosTime & 0x1f) * 2).toBe(16);
  });

  it("accepts an empty list and names that look like object keys", () => {
    expect(unzipSync(zipFiles([]))).toEqual({});
    const files = unzipSync(zipFiles([{ name: "constructor", content: "c" }]));
    expect(Object.keys(files)).toEqual(["constructor"]);
  });

  it("rejects empty, absolute, directory-like and duplicate names", () => {
    expect(() => zipFiles([{ name: "", content: "x" }])).toThrow(/invalid zip entry name/);
    expect(() => zipFiles([{ name: "/etc/passwd", content: "x" }])).toThrow(/invalid/);
    expect(() => zipFiles([{ name: "dir/", content: "x" }])).toThrow(/invalid/);
    expect(() => zipFiles([{ name: "__proto__", content: "x" }])).toThrow(/invalid/);
    expect(() =>
      zipFiles([
        { name: "a.txt", content: "1" },
        { name: "a.txt", content: "2" },
      ]),
    ).toThrow(/duplicate zip entry name a.txt/);
  });
});
