package org.live110.model.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON of the job's output records ({@link ScopeSnapshot}, {@link DeadLetterSummary}, {@link
 * MinuteBucket}, {@link LiveSession}): the one definition the stream job writes and the dashboard
 * reads. Instants are ISO-8601 strings; unknown fields are ignored so either side can add one.
 */
public final class OutputJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private OutputJson() {}

  /** A mapper configured for the output records (shared; do not reconfigure). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
    }
  }

  /**
   * The same JSON as {@link #write(Object)} gives for a bucket (a test holds them equal), written
   * with the streaming generator: the job writes one per series minute per scope — in a replay
   * about as many as it reads events — and bean introspection of each was a tenth of its CPU.
   */
  public static byte[] write(MinuteBucket b) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(192);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("scope", b.scope());
      // Instant.toString() is ISO-8601 in UTC, as the JavaTimeModule writes it.
      g.writeStringField("minute", b.minute().toString());
      g.writeNumberField("version", b.version());
      g.writeNumberField("salesFen", b.salesFen());
      g.writeNumberField("orders", b.orders());
      g.writeNumberField("exposure", b.exposure());
      g.writeNumberField("reads", b.reads());
      g.writeNumberField("newViewers", b.newViewers());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write MinuteBucket", e);
    }
    return bytes.toByteArray();
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
    }
  }
}
