"use client";

import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

interface RunSelectionState {
  /** Selected run ids per experiment, in the order they were selected. */
  byExperiment: Record<string, string[]>;
  /** The run a shift-click extends a range from, per experiment. */
  anchor: Record<string, string | null>;
  set: (experimentId: string, runIds: readonly string[], selected: boolean, anchor?: string | null) => void;
  clear: (experimentId: string) => void;
}

/**
 * Which runs are ticked in each experiment's table: UI state, kept for the browser tab's session so a
 * selection survives a visit to a run's page and back. It feeds Compare.
 */
export const useRunSelection = create<RunSelectionState>()(
  persist(
    (set) => ({
      byExperiment: {},
      anchor: {},
      set: (experimentId, runIds, selected, anchor) =>
        set((state) => {
          const current = state.byExperiment[experimentId] ?? [];
          const change = new Set(runIds);
          const next = selected
            ? [...current, ...runIds.filter((id) => !current.includes(id))]
            : current.filter((id) => !change.has(id));
          return {
            byExperiment: { ...state.byExperiment, [experimentId]: next },
            anchor: anchor === undefined ? state.anchor : { ...state.anchor, [experimentId]: anchor },
          };
        }),
      clear: (experimentId) =>
        set((state) => ({
          byExperiment: { ...state.byExperiment, [experimentId]: [] },
          anchor: { ...state.anchor, [experimentId]: null },
        })),
    }),
    { name: "mltrack.run-selection", storage: createJSONStorage(() => sessionStorage) },
  ),
);

const NONE: readonly string[] = [];

/** The selected run ids of one experiment. */
export function useSelectedRunIds(experimentId: string): readonly string[] {
  return useRunSelection((state) => state.byExperiment[experimentId] ?? NONE);
}
