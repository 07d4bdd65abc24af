// Any address that is no page of Pipewatch (a 404): say so, and where the pages are.
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main>
      <section className="card" aria-labelledby="not-found-title" data-testid="not-found">
        <h1 id="not-found-title">No such page</h1>
        <p>Pipewatch has no page at this address; the link may be mistyped or outdated.</p>
        <p>
          Its pages: <Link href="/">the overview of every pipeline</Link>,{" "}
          <Link href="/tests">the flaky tests</Link> and <Link href="/status">the sync status</Link>
          .
        </p>
      </section>
    </main>
  );
}
