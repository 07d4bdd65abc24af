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
    // 96 MB of zeros deflate to about 95 KB; the headers are made to claim 1,000 bytes.
    const zip = zipSync({ "bomb.xml": [new Uint8Array(96 * 1024 * 1024), { level: 1 }] });
    expect(zip.length).toBeLessThan(1024 * 1024);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 1000, true); // local header: uncompressed size
    const central = zip.findIndex(
      (_, i) => view.getUint32(i, true) === 0x02014b50 && i + 4 <= zip.length,
    );
    view.setUint32(central + 24, 1000, true); // central directory: uncompressed size
    let error: unknown;
    try {
      unzipFiles(zip, () => true, { maxTotalBytes: 1024 * 1024 });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnzipLimitError);
    // Stopped near the limit: not after inflating the whole 256 MB.
    expect((error as UnzipLimitError).inflatedBytes).toBeLessThan(32 * 1024 * 1024);
  }, 30_000);

  it("refuses an archive whose headers declare more than the limit, before inflating it", () => {
    const zip = zipSync({ "big.xml": [new Uint8Array(4 * 1024 * 1024), { level: 9 }] });
    expect(() => unzipFiles(zip, () => true, { maxTotalBytes: 1024 * 1024 })).toThrow(
      /declares more than/,
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
