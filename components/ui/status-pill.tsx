/** The tones of globals.css's `.pill`: good, bad, and needs a look. */
export type PillTone = "ok" | "bad" | "warn";

const ICONS: Record<PillTone, string> = { ok: "✓", bad: "✕", warn: "!" };

type Props = {
  label: string;
  /** ok: ✓ in green, else ✕ in red; or give a `tone` (and an `icon`) instead. */
  ok?: boolean;
  tone?: PillTone;
  icon?: string;
  title?: string;
};

/** A state shown by colour and by a word and symbol, never by colour alone. */
export function StatusPill({ ok, tone, icon, label, title }: Props) {
  const shown = tone ?? (ok ? "ok" : "bad");
  return (
    <span className={`pill ${shown}`} title={title}>
      <span aria-hidden="true">{icon ?? ICONS[shown]}</span>
      {label}
    </span>
  );
}
