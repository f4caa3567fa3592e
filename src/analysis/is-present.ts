// ESTree producers disagree on how an absent optional child looks: espree and typescript-estree
// give `null` for most (`init`, `argument`, `alternate`) and `undefined` or no key for others
// (`typeAnnotation`), oxc (oxlint) gives `null` everywhere, hand-built trees leave keys out.
// Every test for an absent child goes through here, so no producer's choice can crash the analysis.

/** Whether an optional child (or parent) is there: neither `null` nor `undefined`. */
export function isPresent<T>(child: T | null | undefined): child is T {
  return child !== null && child !== undefined;
}
