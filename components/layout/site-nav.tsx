// The header's navigation: the current page is marked for screen readers and by an underline,
// not by colour alone.
"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./layout.module.css";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/tests", label: "Flaky tests" },
  { href: "/status", label: "Sync status" },
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
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
