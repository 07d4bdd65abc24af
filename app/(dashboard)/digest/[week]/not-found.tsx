// A digest address that names no week, or a week that has not begun: a 404 that says how a week
// is written.
import Link from "next/link";

export default function DigestNotFound() {
  return (
    <main>
      <section className="card" aria-labelledby="digest-not-found" data-testid="digest-not-found">
        <h1 id="digest-not-found">No digest for this week</h1>
        <p>
          A digest's address names an ISO week, such as <code>/digest/2026-W47</code>, that has
          begun; weeks run from Monday to Sunday.
        </p>
        <p>
          <Link href="/digest/latest">The last complete week's digest</Link>
        </p>
      </section>
    </main>
  );
}
