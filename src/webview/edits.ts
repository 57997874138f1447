// What the panel is changing in place: the one answer or note being edited, and a removal
// (an answer, a note or an action item) that can still be undone. A removal is shown at once but sent only when its undo window
// closes (or another removal starts, or the panel is hidden), so Undo never needs the log
// to take anything back: until then nothing was recorded.

/** How long Undo stays offered after Remove or Delete. */
export const UNDO_MS = 6_000;

export type EditKind = 'contribution' | 'note';

/** What a removal is of: an answer or note (which can also be edited), or an action item. */
export type RemovalKind = EditKind | 'action';

interface RemovalBase {
  id: string;
  /** What was removed, in words ("Ada's turn", "note: Builds are slow"). */
  label: string;
}

/** An answer, note or action item shown as removed; the panel's commit sends it. */
export type Removal = RemovalBase & { kind: RemovalKind };

export class Edits {
  /** The answer or note whose text is being edited here. */
  editing: { kind: EditKind; id: string } | null = null;
  /** Shown as removed, with Undo, and not sent yet. */
  removing: Removal | null = null;
  /** Sent, and hidden until the host's snapshot no longer has them. */
  private readonly sent = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly commit: (removal: Removal) => boolean,
    private readonly changed: () => void,
  ) {}

  /** Removes at once on screen; sends when the undo window closes. */
  remove(removal: Removal): void {
    this.flush();
    if (this.editing?.id === removal.id) this.editing = null;
    this.removing = removal;
    this.timer = setTimeout(() => {
      this.flush();
      this.changed();
    }, UNDO_MS);
  }

  /** Takes the removal back; returns what it was, or null when it was already sent. */
  undo(): Removal | null {
    const r = this.removing;
    clearTimeout(this.timer);
    this.removing = null;
    return r;
  }

  /** Sends the pending removal now. */
  flush(): void {
    const r = this.removing;
    if (!r) return;
    clearTimeout(this.timer);
    this.removing = null;
    if (this.commit(r)) this.sent.add(r.id);
  }

  /** True when this answer, note or action item is gone from this panel's point of view. */
  hidden(id: string): boolean {
    return this.sent.has(id);
  }

  anyHidden(): boolean {
    return this.sent.size > 0;
  }

  /**
   * Forgets sent removals once the host's view no longer has them (or refused them). An action
   * item's id is not among the answers and notes `present` holds, so it is forgotten at the
   * next whole snapshot: the host's, after the removal.
   */
  settle(present: ReadonlySet<string>): void {
    for (const id of this.sent) if (!present.has(id)) this.sent.delete(id);
  }

  /** A refused removal comes back. */
  forgetSent(): void {
    this.sent.clear();
  }
}
