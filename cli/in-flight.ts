/**
 * Work the process has accepted and not finished: HTTP requests, and what Slack's listeners still do after Bolt has
 * acknowledged the request. Shutdown waits for it (bounded) before closing the database under it.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  /** Counts the work until it settles, and hands it back unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /** Resolves when nothing is in flight (true), or after waitMs with work still running (false). */
  async drain(waitMs: number): Promise<boolean> {
    const deadline = Date.now() + waitMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.all([...this.pending]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
