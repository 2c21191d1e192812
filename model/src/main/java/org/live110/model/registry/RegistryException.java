package org.live110.model.registry;

/** A registry file that cannot be used; the message names the file and line. */
public class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
