// The final pass of the cache-log parser: ties each save to the restore it saves for (post
// steps are not titled in the log, and a setup-* action names its primary key only when it
// saves), then decides exact vs partial for every restore.
import type { CacheEvent, DraftEvent } from "./cache-log.ts";

/** Key equality as actions/cache decides a hit: case-insensitive, accents significant. */
export function sameCacheKey(a: string, b: string): boolean {
  return a === b || a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0;
}

/** The primary key a restore event already knows, before any save is tied to it. */
function knownPrimary(event: DraftEvent): string | null {
  if (event.keyFromInput || event.outcome === "miss") return event.key;
  // The library's `Cache hit for:` names the primary key, in the fixed releases (only printed
  // on an exact hit) as in @actions/cache 4.0.0–4.0.3 (printed on every hit).
  if (event.hitFor && !event.hitFor.restoreKey) return event.hitFor.key;
  return null;
}

/** Case-folded key, for looking keys up; exact decisions use `sameCacheKey`. */
function fold(key: string): string {
  return key.normalize("NFC").toLowerCase();
}

/** Untied restores, looked up by key or action; the latest first. */
class Restores {
  private readonly tied = new Set<DraftEvent>();
  private readonly byPrimary = new Map<string, DraftEvent[]>();
  private readonly byRestored = new Map<string, DraftEvent[]>();
  private readonly unknownBySource = new Map<string, DraftEvent[]>();
  private readonly all: DraftEvent[] = [];

  add(event: DraftEvent): void {
    this.all.push(event);
    const primary = knownPrimary(event);
    if (primary !== null) push(this.byPrimary, fold(primary), event);
    else push(this.unknownBySource, event.source, event);
    if (event.restoredKey !== null) push(this.byRestored, fold(event.restoredKey), event);
  }

  /**
   * The restore `save` belongs to: the latest untied earlier restore with the same primary
   * key, else one that restored that key (an exact hit, then "Cache hit occurred on the
   * primary key"), else, for a post step, the latest untied restore by the same action whose
   * primary key is unknown (post steps run in the reverse order of their main steps); a post
   * step's failure line that names neither key nor action goes with the latest untied restore.
   */
  take(save: DraftEvent): DraftEvent | null {
    const key = save.key === null ? null : fold(save.key);
    let found: DraftEvent | null = null;
    if (key !== null) {
      found = this.latest(this.byPrimary.get(key)) ?? this.latest(this.byRestored.get(key));
    }
    if (!found && save.post && save.source !== "unknown") {
      found = this.latest(this.unknownBySource.get(save.source));
    }
    if (!found && save.post && key === null) found = this.latest(this.all);
    if (found) this.tied.add(found);
    return found;
  }

  private latest(list: DraftEvent[] | undefined): DraftEvent | null {
    while (list && list.length > 0) {
      const last = list[list.length - 1];
      if (last && !this.tied.has(last)) return last;
      list.pop();
    }
    return null;
  }
}

function push(map: Map<string, DraftEvent[]>, key: string, event: DraftEvent): void {
  const list = map.get(key);
  if (list) list.push(event);
  else map.set(key, [event]);
}

function decide(event: DraftEvent, savedPrimary: string | null): CacheEvent {
  const { keyFromInput: _input, hitFor, post: _post, ...base } = event;
  if (event.kind === "save") return base;
  if (event.outcome === "miss") return { ...base, key: base.key ?? savedPrimary };
  const restored = base.restoredKey ?? "";
  let primary: string | null;
  let exact: boolean;
  if (event.keyFromInput && base.key !== null) {
    primary = base.key;
    exact = sameCacheKey(restored, primary);
  } else if (hitFor?.restoreKey) {
    primary = savedPrimary;
    exact = false;
  } else if (hitFor) {
    primary = hitFor.key;
    exact = sameCacheKey(restored, primary);
  } else if (savedPrimary !== null) {
    primary = savedPrimary;
    exact = sameCacheKey(restored, primary);
  } else {
    // Nothing tells the primary key: most setup-* actions have no restore keys, so a hit is
    // on the primary key.
    primary = base.restoredKey;
    exact = true;
  }
  return { ...base, key: primary, outcome: exact ? "exact" : "partial" };
}

/** Ties saves to restores, names post steps, decides exact vs partial; keeps the order. */
export function resolveCacheEvents(events: readonly DraftEvent[]): CacheEvent[] {
  const restores = new Restores();
  const savedPrimary = new Map<DraftEvent, string>();
  for (const event of events) {
    if (event.kind === "restore") {
      restores.add(event);
      continue;
    }
    const restore = restores.take(event);
    if (!restore) continue;
    if (event.key !== null) savedPrimary.set(restore, event.key);
    else event.key = knownPrimary(restore);
    if (event.post) {
      event.source = restore.source;
      event.stepName = restore.stepName === null ? null : `Post ${restore.stepName}`;
    }
  }
  return events.map((event, seq) => ({ ...decide(event, savedPrimary.get(event) ?? null), seq }));
}
