// The simulated clock: starts at the scenario's "now" and runs at `speed` times real time
// (0 freezes it). Tests and the live demo move it on with advance().
export class SimClock {
  private realStart = Date.now();
  private simStart: number;

  constructor(
    start: number,
    private speed = 1,
  ) {
    this.simStart = start;
  }

  now(): number {
    return Math.floor(this.simStart + (Date.now() - this.realStart) * this.speed);
  }

  /** Jumps the simulated time forward by `ms`. */
  advance(ms: number): void {
    this.simStart += ms;
  }

  setSpeed(speed: number): void {
    this.simStart = this.now();
    this.realStart = Date.now();
    this.speed = speed;
  }
}
