package org.live110.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.live110.jobs.functions.RecordParser;
import org.live110.jobs.records.ParsedRecord;

/**
 * Parses each Kafka record inside the source (parse once, at the edge): one {@link ParsedRecord}
 * per record, valid or rejected with its topic, partition and offset. Never throws.
 */
public class ParsingDeserializer implements KafkaRecordDeserializationSchema<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  private final RecordParser parser;

  public ParsingDeserializer(RecordParser parser) {
    this.parser = parser;
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
    out.collect(parser.parse(record.topic(), record.partition(), record.offset(), record.value()));
  }

  @Override
  public TypeInformation<ParsedRecord> getProducedType() {
    return TypeInformation.of(ParsedRecord.class);
  }
}
