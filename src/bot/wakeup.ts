/**
 * A wake-up signal for a polling loop: `wait(ms)` resolves after `ms` or as soon as `wake()` is
 * called, whichever comes first. Loops poll the database anyway (another process may have
 * written); the signal only shortens the wait when this process wrote.
 */
export class WakeUp {
  private pending = false;
  private resolve: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  wake(): void {
    if (this.resolve) this.finish();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.timer = setTimeout(() => this.finish(), ms);
    });
  }

  private finish(): void {
    const resolve = this.resolve;
    this.resolve = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    resolve?.();
  }
}
