/**
 * Groups ledger indices by domain (a counting sort), so each domain's entries can be ordered on
 * their own: sorting a few short runs costs far less than sorting the whole ledger. Arrays are
 * indexed by domain and reused; a domain belongs to the current grouping when its stamp does.
 */
export class DomainRuns {
  private stamps = new Float64Array(16);
  private sizes = new Int32Array(16);
  private next = new Int32Array(16);
  /** Domains met, in the order first met; `starts[i]`..`starts[i + 1]` is the run of `domains[i]`. */
  domains = new Int32Array(16);
  starts = new Int32Array(17);
  count = 0;
  private stamp = 0;

  /**
   * Puts the `length` indices of `from` into `into`, grouped by their domain (`domainOf[index]`),
   * keeping their order within a domain.
   */
  group(from: Int32Array, length: number, into: Int32Array, domainOf: Int32Array, domainCount: number): void {
    this.reserve(domainCount);
    this.stamp += 1;
    this.count = 0;
    for (let i = 0; i < length; i++) {
      const domain = domainOf[from[i]!]!;
      if (this.stamps[domain] !== this.stamp) {
        this.stamps[domain] = this.stamp;
        this.sizes[domain] = 0;
        this.domains[this.count++] = domain;
      }
      this.sizes[domain] = this.sizes[domain]! + 1;
    }
    let at = 0;
    for (let d = 0; d < this.count; d++) {
      const domain = this.domains[d]!;
      this.starts[d] = at;
      this.next[domain] = at;
      at += this.sizes[domain]!;
    }
    this.starts[this.count] = at;
    for (let i = 0; i < length; i++) {
      const index = from[i]!;
      const domain = domainOf[index]!;
      into[this.next[domain]!] = index;
      this.next[domain] = this.next[domain]! + 1;
    }
  }

  private reserve(domains: number): void {
    if (domains <= this.stamps.length) return;
    this.stamps = new Float64Array(domains);
    this.sizes = new Int32Array(domains);
    this.next = new Int32Array(domains);
    this.domains = new Int32Array(domains);
    this.starts = new Int32Array(domains + 1);
  }
}
