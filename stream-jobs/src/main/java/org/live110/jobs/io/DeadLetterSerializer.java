package org.live110.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.live110.jobs.records.DeadLetter;
import org.live110.model.output.DeadLetterHeaders;

/**
 * Writes a dead letter: value = the original bytes (cut when too big), headers per {@link
 * DeadLetterHeaders} (UTF-8 text), no key.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  public DeadLetterSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter d, KafkaSinkContext context, Long timestamp) {
    RecordHeaders h = new RecordHeaders();
    h.add(DeadLetterHeaders.REASON, utf8(d.reason));
    h.add(DeadLetterHeaders.DETAIL, utf8(d.detail));
    h.add(DeadLetterHeaders.TOPIC, utf8(d.topic));
    h.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(d.partition)));
    h.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(d.offset)));
    h.add(DeadLetterHeaders.SIZE, utf8(Integer.toString(d.size)));
    h.add(DeadLetterHeaders.TRUNCATED, utf8(Boolean.toString(d.truncated)));
    return new ProducerRecord<>(topic, null, null, null, d.value, h);
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
