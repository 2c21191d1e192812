package org.live110.dashboard;

/**
 * Start, stop and status of the demo simulator, as the admin endpoints expose them. The launcher
 * passes its simulator; without one the dashboard uses {@link #unavailable()}. Implementations must
 * be thread-safe and return promptly (start and stop may run the work in the background).
 */
public interface SimulatorControl {

  /** What the simulator is doing. */
  record Status(boolean available, boolean running, String detail) {}

  /** Starts it (no-op when running); returns the new status. */
  Status start();

  /** Stops it (no-op when stopped); returns the new status. */
  Status stop();

  Status status();

  /** No simulator in this process: every call reports it is not available. */
  static SimulatorControl unavailable() {
    Status none = new Status(false, false, "no simulator in this process");
    return new SimulatorControl() {
      @Override
      public Status start() {
        return none;
      }

      @Override
      public Status stop() {
        return none;
      }

      @Override
      public Status status() {
        return none;
      }
    };
  }
}
