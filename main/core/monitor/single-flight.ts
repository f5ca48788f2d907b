// Never two runs at once: a request made while a run is in flight is served by one queued run
// after it (requests during a run are coalesced into that one queued run).

export class SingleFlight<T> {
  private running: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  constructor(private readonly task: () => Promise<T>) {}

  get busy(): boolean {
    return this.running !== null;
  }

  run(): Promise<T> {
    if (!this.running) return this.start();
    if (!this.queued) {
      this.queued = this.running.then(
        () => this.start(),
        () => this.start(),
      );
    }
    return this.queued;
  }

  /** Resolves when nothing is running or queued. */
  async idle(): Promise<void> {
    while (this.running || this.queued) await Promise.allSettled([this.running, this.queued]);
  }

  private start(): Promise<T> {
    this.queued = null;
    const p = this.task().finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }
}
