package org.live110.reliability.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures one test measured (loads held, faults survived, bad inputs tried, records lost,
 * counted twice, recovery seconds, resources before/after), written as JSON to {@code
 * reliability/target/figures/<test>.json} so RELIABILITY.md can quote the last full run.
 */
public final class Figures {
  private final String test;
  private final Map<String, Object> values = new LinkedHashMap<>();

  public Figures(String test) {
    this.test = test;
    values.put("test", test);
    values.put("startedAt", Instant.now().toString());
  }

  /** Records one figure (insertion order is kept in the file). */
  public synchronized Figures put(String name, Object value) {
    values.put(name, value);
    return this;
  }

  public synchronized Object get(String name) {
    return values.get(name);
  }

  /** Writes the file; called at the end of the test, also when it failed (the partial figures). */
  public synchronized Path write() {
    values.put("finishedAt", Instant.now().toString());
    Path dir = Path.of(System.getProperty("live110.figures.dir", "target/figures"));
    Path file = dir.resolve(test + ".json");
    try {
      Files.createDirectories(dir);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(file.toFile(), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
