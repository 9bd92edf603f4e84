/**
 * Each engagement rule's counted entries and decayed points in one evaluation, kept in arrays indexed
 * by rule and reused between evaluations (which are synchronous): `start` forgets the last one
 * without clearing, a rule's tally begins at its first entry.
 */
export class RuleTallies {
  private generation = 0;
  private startedIn = new Float64Array(16);
  count = new Int32Array(16);
  points = new Float64Array(16);
  /** The rules with a tally, in the order of their first entry. */
  touched = new Int32Array(16);
  touchedLength = 0;

  start(ruleCount: number): void {
    if (this.startedIn.length < ruleCount) {
      const size = Math.max(ruleCount, this.startedIn.length * 2);
      this.startedIn = new Float64Array(size);
      this.count = new Int32Array(size);
      this.points = new Float64Array(size);
      this.touched = new Int32Array(size);
    }
    this.generation += 1;
    this.touchedLength = 0;
  }

  add(rule: number, counted: boolean, points: number): void {
    if (this.startedIn[rule] !== this.generation) {
      this.startedIn[rule] = this.generation;
      this.count[rule] = 0;
      this.points[rule] = 0;
      this.touched[this.touchedLength++] = rule;
    }
    if (counted) this.count[rule] = this.count[rule]! + 1;
    this.points[rule] = this.points[rule]! + points;
  }
}
