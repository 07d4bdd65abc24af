import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { UnzipLimitError, unzipFiles } from "./unzip.ts";

describe("unzipFiles", () => {
  it("returns the files it is asked for, stored or deflated", () => {
    const zip = zipSync({
      "reports/TEST-a.xml": [strToU8("<testsuite/>"), { level: 0 }],
      "reports/TEST-b.xml": [strToU8("<testsuite name='b'/>"), { level: 9 }],
      "reports/readme.txt": strToU8("ignored"),
    });
    const files = unzipFiles(zip, (name) => name.endsWith(".xml"), { maxTotalBytes: 1000 });
    expect(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([
      ["reports/TEST-a.xml", "<testsuite/>"],
      ["reports/TEST-b.xml", "<testsuite name='b'/>"],
    ]);
  });

  it("stops a zip bomb at the limit, counting inflated bytes rather than trusting the headers", () => {
    // 8 MB of zeros deflate to a few kilobytes.
    const zip = zipSync({ "bomb.xml": [new Uint8Array(8 * 1024 * 1024), { level: 9 }] });
    expect(zip.length).toBeLessThan(64 * 1024);
    expect(() => unzipFiles(zip, () => true, { maxTotalBytes: 1024 * 1024 })).toThrow(
      UnzipLimitError,
    );
  });

  it("refuses too many files and says so for an archive that is not a zip", () => {
    const many = zipSync(
      Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`${i}.xml`, strToU8("x")])),
    );
    expect(() => unzipFiles(many, () => true, { maxTotalBytes: 1000, maxFiles: 3 })).toThrow(
      /more than 3/,
    );
    expect(() =>
      unzipFiles(strToU8("not a zip at all"), () => true, { maxTotalBytes: 1000 }),
    ).toThrow("not a zip archive");
  });
});
