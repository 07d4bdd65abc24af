/** A state shown by colour and by a word and symbol, never by colour alone. */
export function StatusPill({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span className={`pill ${ok ? "ok" : "bad"}`}>
      <span aria-hidden="true">{ok ? "✓" : "✕"}</span>
      {label}
    </span>
  );
}
