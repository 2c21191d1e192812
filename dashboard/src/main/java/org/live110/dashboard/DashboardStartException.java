package org.live110.dashboard;

/** The dashboard could not start; the message is one line meant for the person starting it. */
public final class DashboardStartException extends RuntimeException {
  public DashboardStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
