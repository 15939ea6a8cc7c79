/**
 * The pacing every in-process background worker shares: a pass runs when woken (right after a commit that
 * queued work) and on a timer (for what no wake-up announced: other processes' inserts, retries falling due,
 * expired leases). One pass at a time; a wake-up during a pass runs one more pass after it. stop() waits for
 * the running pass, so a server closes with no work half-done.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private halted: boolean;

  /** `wakesBeforeStart`: a wake-up before start() runs a pass too (else it is ignored until started). */
  constructor(private readonly pass: () => Promise<unknown>, private readonly pollMs: number, private readonly onError?: (error: unknown) => void, wakesBeforeStart = false) {
    this.halted = !wakesBeforeStart;
  }

  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    this.halted = false;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.halted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass().then(() => undefined, (error: unknown) => this.onError?.(error)).finally(() => {
      this.running = null;
      if (this.again && !this.halted) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves when no pass is running or due (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearInterval(this.timer);
    await this.idle();
  }
}
