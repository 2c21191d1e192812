package org.live110.kafka;

import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record as the tests write and expect it: key, value and event time. */
record StampedRecord(String key, String value, Instant timestamp) {

  static StampedRecord of(ConsumerRecord<String, String> record) {
    return new StampedRecord(
        record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
  }
}
