package org.live110.jobs.records;

/**
 * One output record for a Kafka topic: the key (scope, bucket key or session id) and the JSON value
 * of a model output record ({@code ScopeSnapshot}, {@code MinuteBucket}, ...). Operators render
 * JSON themselves so that no nested map type has to cross an operator boundary.
 */
public class KeyedValue {
  public String key;
  public byte[] value;

  public KeyedValue() {}

  public KeyedValue(String key, byte[] value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public String toString() {
    return "KeyedValue{" + key + "}";
  }
}
