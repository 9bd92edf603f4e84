/** One of a portal's lifecycle stages, as its lifecyclestage property lists it. */
export interface LifecycleStage {
  value: string;
  label: string;
  displayOrder: number;
}

/**
 * The stages of a lifecyclestage property definition in the portal's funnel order: by displayOrder (HubSpot's
 * order for the options; one without it counts as -1, as HubSpot stores it), ties in the order listed. Hidden
 * stages stay: a contact can still be in one, and forward is judged from where it is.
 */
export function lifecycleStagesOf(options: ReadonlyArray<{ value: string; label: string; displayOrder?: number }>): LifecycleStage[] {
  return options
    .map((option, index) => ({ value: option.value, label: option.label, displayOrder: option.displayOrder ?? -1, index }))
    .sort((a, b) => a.displayOrder - b.displayOrder || a.index - b.index)
    .map(({ value, label, displayOrder }) => ({ value, label, displayOrder }));
}
