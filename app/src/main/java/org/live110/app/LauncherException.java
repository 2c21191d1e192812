package org.live110.app;

/**
 * A configuration or start-up problem the launcher reports to the user as one line (port in use,
 * missing file, unreachable Kafka) instead of a stack trace. The message must say what is wrong and
 * what to do about it.
 */
public final class LauncherException extends RuntimeException {

  public LauncherException(String message) {
    super(message);
  }

  public LauncherException(String message, Throwable cause) {
    super(message, cause);
  }
}
