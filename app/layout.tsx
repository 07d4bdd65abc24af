import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pipewatch", template: "%s · Pipewatch" },
  description: "Observability for GitHub Actions pipelines: slow, flaky and silently failing.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a className="brand" href="/">
            Pipewatch
          </a>
        </header>
        {children}
      </body>
    </html>
  );
}
