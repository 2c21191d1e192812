package org.live110.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.live110.jobs.records.KeyedValue;

/**
 * Writes a {@link KeyedValue} to one topic: UTF-8 key, JSON value, broker/producer timestamp (wall
 * clock, so time-based retention of the series topic works on 2019 event data).
 */
public class KeyedValueSerializer implements KafkaRecordSerializationSchema<KeyedValue> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public KeyedValueSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      KeyedValue v, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, v.key.getBytes(StandardCharsets.UTF_8), v.value);
  }
}
