// pipewatch link create tv [--expires 90d] [--label L] | list | revoke <id>: the read-only
// links (lib/access/links.ts). `create` prints the link's address once (its token is not
// stored, so it cannot be shown again); `list` shows no tokens; `revoke` ends a link at once.
import { parseArgs } from "node:util";
import { linkUrl, requireLinkKey } from "@/lib/access/links";
import {
  createAccessLink,
  type ListedLink,
  listAccessLinks,
  revokeAccessLink,
} from "@/lib/access/links-store";
import { type Config, loadConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { withDatabase } from "./database.ts";

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const MAX_LIFETIME_MS = 3660 * UNIT_MS.d;
const LINK_ID = /^[0-9a-f]{16}$/;

/** `90d`, `12h`, `8w` as milliseconds; a UserError for anything else. */
export function parseLifetime(text: string): number {
  const match = /^([1-9]\d{0,4})([hdw])$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms <= MAX_LIFETIME_MS))
    throw new UserError(
      `--expires must be a duration such as 90d, 12h or 8w (at most 10 years), got "${text}"`,
      2,
    );
  return ms;
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

function stateOf(link: ListedLink, now: Date): string {
  if (link.revokedAt) return "revoked";
  return link.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** One line of `pipewatch link list`: never the token (it is not stored). */
export function formatLink(link: ListedLink, now: Date): string {
  return [
    link.id,
    link.kind.padEnd(6),
    stateOf(link, now).padEnd(7),
    `expires ${when(link.expiresAt)}`,
    `last used ${link.lastUsedAt ? when(link.lastUsedAt) : "never"}`,
    link.scope ?? "",
    link.label ? JSON.stringify(link.label) : "",
  ]
    .filter((part) => part !== "")
    .join("  ");
}

async function create(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { expires: { type: "string", default: "90d" }, label: { type: "string" } },
  });
  if (positionals.length !== 1 || positionals[0] !== "tv")
    throw new UserError(
      "usage: pipewatch link create tv [--expires 90d] [--label L] (digest links are made by each digest e-mail)",
      2,
    );
  const lifetime = parseLifetime(values.expires);
  const key = requireLinkKey(config);
  const label = values.label?.trim() || undefined;
  return withDatabase(config, async (db) => {
    const expiresAt = new Date(Date.now() + lifetime);
    const link = await createAccessLink(db, key, { kind: "tv", label, expiresAt });
    process.stdout.write(`${linkUrl(config.publicUrl, "/tv", link.token)}\n`);
    console.error(
      `pipewatch: TV link ${link.id} expires ${when(link.expiresAt)}; this address is shown only now. End it with: pipewatch link revoke ${link.id}`,
    );
    return 0;
  });
}

async function revoke(config: Config, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: {} });
  const [id] = positionals;
  if (positionals.length !== 1 || !id || !LINK_ID.test(id))
    throw new UserError(
      "usage: pipewatch link revoke <id> (16 hex digits, see pipewatch link list)",
      2,
    );
  return withDatabase(config, async (db) => {
    const outcome = await revokeAccessLink(db, id);
    if (outcome === "unknown") throw new UserError(`no link ${id} (see pipewatch link list)`, 1);
    console.error(
      `pipewatch: link ${id} ${outcome === "revoked" ? "revoked" : "was already revoked"}`,
    );
    return 0;
  });
}

export async function link(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const config = loadConfig();
  if (action === "create") return create(config, rest);
  if (action === "revoke") return revoke(config, rest);
  if (action === "list") {
    parseArgs({ args: rest, strict: true, options: {} });
    return withDatabase(config, async (db) => {
      const now = new Date();
      const links = await listAccessLinks(db);
      for (const one of links) process.stdout.write(`${formatLink(one, now)}\n`);
      if (links.length === 0)
        console.error("pipewatch link: no links yet (pipewatch link create tv)");
      return 0;
    });
  }
  throw new UserError("usage: pipewatch link create tv | list | revoke <id>", 2);
}
