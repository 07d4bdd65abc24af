// The header's navigation: the current page is marked for screen readers and by an underline,
// not by colour alone. On a phone the labels shorten so that the brand and the three links keep
// to one line; the link's accessible name stays the full label.
"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./layout.module.css";

/** `short` is what a phone shows. */
const LINKS = [
  { href: "/", label: "Overview", short: "Overview" },
  { href: "/tests", label: "Flaky tests", short: "Tests" },
  { href: "/status", label: "Sync status", short: "Sync" },
];

export function SiteNav() {
  const pathname = usePathname();
  const current = (href: string) =>
    href === "/"
      ? pathname === "/" || pathname.startsWith("/pipelines")
      : pathname.startsWith(href);
  return (
    <nav aria-label="Main" className={styles.nav}>
      {LINKS.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current(link.href) ? "page" : undefined}
          className={styles.navLink}
          aria-label={link.label}
        >
          <span className={styles.long}>{link.label}</span>
          <span className={styles.short}>{link.short}</span>
        </Link>
      ))}
    </nav>
  );
}
