// Which of the user's tabs shows an event: one visible tab — the focused one, else the one that
// became visible or focused last. The leader decides for each frame and the choice travels with
// the frame, so a toast appears in one tab and "seen" is reported once.
import type { TabStatus } from "./tabs";

export class VisibleTabs {
  private readonly tabs = new Map<string, TabStatus>();

  set(tab: string, status: TabStatus): void {
    this.tabs.set(tab, status);
  }

  remove(tab: string): void {
    this.tabs.delete(tab);
  }

  /** The tab to show an event in, or null when none is visible. */
  choose(): string | null {
    let best: [string, TabStatus] | null = null;
    for (const entry of this.tabs) {
      const [tab, s] = entry;
      if (!s.visible) continue;
      if (!best) {
        best = entry;
        continue;
      }
      const [bestTab, b] = best;
      if (s.focused !== b.focused ? s.focused : s.at !== b.at ? s.at > b.at : tab < bestTab) best = entry;
    }
    return best?.[0] ?? null;
  }
}
