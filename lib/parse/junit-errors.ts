// Why a JUnit report could not be read: not well-formed XML, or past a safety limit.

/** The report is not well-formed XML (unclosed or mismatched tags, bad attributes, a DTD). */
export class JUnitSyntaxError extends Error {
  constructor(
    message: string,
    /** Character offset in the document where the problem was found, when known. */
    readonly offset: number | null = null,
  ) {
    super(offset === null ? message : `${message} (at character ${offset})`);
    this.name = "JUnitSyntaxError";
  }
}

/** The report goes past a limit set to keep a hostile or runaway file from exhausting memory. */
export class JUnitLimitError extends Error {
  constructor(
    readonly limit: "maxCases" | "maxDepth",
    readonly value: number,
  ) {
    super(
      limit === "maxCases"
        ? `JUnit report has more than ${value} test cases`
        : `JUnit report nests elements deeper than ${value} levels`,
    );
    this.name = "JUnitLimitError";
  }
}
