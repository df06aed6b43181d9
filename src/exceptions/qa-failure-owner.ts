/** One step of the order's route, as the choice of who owns a failed inspection needs it. */
export interface RouteStep {
  step: number;
  departmentId: number;
  departmentKey: string;
}

/**
 * Who owns what QA found wrong: the department that made it. That is production's last step
 * before the inspection; on a route without production before QA, the step just before it; and
 * with nothing before it, nobody but QA (null: the caller's own department).
 */
export function qaFailureOwner(route: readonly RouteStep[], qaStep: number): number | null {
  const before = route.filter((s) => s.step < qaStep).sort((a, b) => a.step - b.step);
  const made = before.findLast((s) => s.departmentKey === 'production') ?? before.at(-1);
  return made?.departmentId ?? null;
}
