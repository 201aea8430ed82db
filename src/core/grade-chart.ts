/**
 * The letter grades of ponyguard's scores: the MDN HTTP Observatory's `GRADE_CHART` (the lowest score of each
 * letter). The live probe's grades use it as it is; the scorecard starts A+ lower (see src/core/scorecard.ts).
 */
export type GradeChart = ReadonlyArray<readonly [minimum: number, grade: string]>;

export const OBSERVATORY_GRADE_CHART: GradeChart = [
  [100, 'A+'],
  [90, 'A'],
  [85, 'A-'],
  [80, 'B+'],
  [70, 'B'],
  [65, 'B-'],
  [60, 'C+'],
  [50, 'C'],
  [45, 'C-'],
  [40, 'D+'],
  [30, 'D'],
  [25, 'D-'],
  [0, 'F'],
];

/** The letter of the highest band whose minimum the score reaches (F below every band). */
export function letterFor(score: number, chart: GradeChart): string {
  return chart.find(([minimum]) => score >= minimum)?.[1] ?? 'F';
}
