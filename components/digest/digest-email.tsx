// The digest e-mail's HTML (React Email): tables for layout, inline styles, no scripts and no
// images, so that it reads the same in Outlook, Gmail and Apple Mail. The top items only; the
// button leads to the whole digest page.
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import type { Change, Digest } from "@/lib/digest/compare";
import {
  type Better,
  describeChange,
  digestUrl,
  pipelineUrl,
  type Unit,
  weekRange,
} from "@/lib/digest/describe";
import { flakyTestCounts, TOP_ITEMS } from "@/lib/digest/text";

const font = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const s = {
  body: { backgroundColor: "#f6f7f9", fontFamily: font, color: "#1b1f24", margin: 0 },
  container: {
    backgroundColor: "#ffffff",
    maxWidth: "640px",
    padding: "24px",
    border: "1px solid #d9dde3",
  },
  h1: { fontSize: "22px", margin: "0 0 4px" },
  h2: {
    fontSize: "16px",
    margin: "24px 0 8px",
    borderBottom: "1px solid #d9dde3",
    paddingBottom: "4px",
  },
  muted: { color: "#57606a", fontSize: "13px", margin: "0 0 12px" },
  cell: {
    padding: "6px 8px 6px 0",
    fontSize: "14px",
    verticalAlign: "top",
    borderBottom: "1px solid #eef0f3",
  },
  num: {
    padding: "6px 0 6px 8px",
    fontSize: "14px",
    textAlign: "right",
    whiteSpace: "nowrap",
    verticalAlign: "top",
    borderBottom: "1px solid #eef0f3",
  },
  link: { color: "#0969da", textDecoration: "none" },
  button: {
    backgroundColor: "#0969da",
    color: "#ffffff",
    padding: "10px 16px",
    borderRadius: "6px",
    fontSize: "14px",
  },
} satisfies Record<string, CSSProperties>;
const toneColour = { good: "#1a7f37", bad: "#cf222e", neutral: "#57606a" };

function ChangeCell({ change, unit, better }: { change: Change; unit: Unit; better: Better }) {
  const c = describeChange(change, unit, better);
  return (
    <td style={s.num}>
      <strong>{c.value}</strong>
      {c.arrow ? (
        <span style={{ color: toneColour[c.tone] }}>
          {" "}
          {c.arrow} {c.delta}
        </span>
      ) : null}
      {c.arrow ? <div style={{ color: "#57606a", fontSize: "12px" }}>was {c.previous}</div> : null}
    </td>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Section>
      <Heading as="h2" style={s.h2}>
        {title}
      </Heading>
      <table width="100%" cellPadding={0} cellSpacing={0} role="presentation">
        <tbody>{children}</tbody>
      </table>
    </Section>
  );
}

type Item = { id: string; repo: string; name: string };

/** The e-mail's lists: each pipeline with one number and its change. */
function lists(d: Digest) {
  const list = <T extends Item>(
    title: string,
    items: T[],
    value: (item: T) => Change,
    unit: Unit,
    better: Better,
  ) => ({ title, items: items as Item[], value: (item: Item) => value(item as T), unit, better });
  return [
    list("Slower (p50)", d.slower, (p) => p.p50, "duration", "down"),
    list("Faster (p50)", d.faster, (p) => p.p50, "duration", "down"),
    list("Flakiest pipelines (flaky runs)", d.flakiest, (p) => p.flakyRate, "rate", "down"),
    list("Cache hit rate", d.cache, (p) => p.cacheHitRate, "rate", "up"),
    list("Deploys", d.deploys, (p) => p.deploys, "count", "neither"),
  ];
}

type Props = {
  digest: Digest;
  publicUrl: string;
  /** The whole digest's address; a signed link to the week when AUTH_SECRET is set. */
  digestHref?: string;
};

export function DigestEmail({ digest, publicUrl, digestHref }: Props) {
  const whole = digestHref ?? digestUrl(publicUrl, digest.week);
  const name = (p: { id: string; repo: string; name: string }) => (
    <td style={s.cell}>
      <Link href={pipelineUrl(publicUrl, p.id)} style={s.link}>
        {p.name}
      </Link>
      <div style={{ color: "#57606a", fontSize: "12px" }}>{p.repo}</div>
    </td>
  );
  const top = <T,>(items: T[]) => items.slice(0, TOP_ITEMS);
  const range = weekRange(digest.window, digest.timeZone);
  return (
    <Html lang="en">
      <Head />
      <Preview>{`CI this week: ${digest.slower.length} slower, ${digest.flakiest.length} flaky, ${digest.flags.opened.length} flags opened`}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Heading style={s.h1}>Pipewatch weekly digest {digest.week}</Heading>
          <Text style={s.muted}>
            {range} ({digest.timeZone}), compared with {digest.previousWeek}
            {digest.complete ? "" : ". This week is not over yet: its numbers are partial."}
          </Text>
          <Block title="The week">
            <tr>
              <td style={s.cell}>Total CI time</td>
              <ChangeCell change={digest.totals.ciTimeMs} unit="duration" better="neither" />
            </tr>
            <tr>
              <td style={s.cell}>Runs ({digest.totals.pipelines} pipelines)</td>
              <ChangeCell change={digest.totals.runs} unit="count" better="neither" />
            </tr>
            <tr>
              <td style={s.cell}>Flags opened / resolved</td>
              <td style={s.num}>
                <strong>
                  {digest.flags.opened.length} / {digest.flags.resolved.length}
                </strong>
              </td>
            </tr>
          </Block>
          {lists(digest).map((list) =>
            list.items.length ? (
              <Block key={list.title} title={list.title}>
                {top(list.items).map((p) => (
                  <tr key={p.id}>
                    {name(p)}
                    <ChangeCell change={list.value(p)} unit={list.unit} better={list.better} />
                  </tr>
                ))}
              </Block>
            ) : null,
          )}
          {digest.flakyTests.length ? (
            <Block title="Flakiest tests">
              {top(digest.flakyTests).map((t) => (
                <tr key={`${t.repo}/${t.suite}/${t.name}`}>
                  {name({
                    id: String(t.pipelines[0]?.workflowId ?? ""),
                    repo: `${t.repo} · ${t.suite}`,
                    name: t.name,
                  })}
                  <td style={s.num}>{flakyTestCounts(t)}</td>
                </tr>
              ))}
            </Block>
          ) : null}
          <Section style={{ margin: "28px 0 8px" }}>
            <Button href={whole} style={s.button}>
              Open the whole digest
            </Button>
          </Section>
          <Hr />
          <Text style={s.muted}>
            <Link href={whole} style={s.link}>
              {whole}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
