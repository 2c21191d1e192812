package org.live110.kafka;

/**
 * The embedded broker could not be formatted, started or asked to create topics. The message names
 * the host, ports and log directory involved so that the cause (typically a port already in use or
 * a log directory locked by another broker) is clear without reading Kafka's logs.
 */
public final class EmbeddedKafkaException extends RuntimeException {

  public EmbeddedKafkaException(String message) {
    super(message);
  }

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
