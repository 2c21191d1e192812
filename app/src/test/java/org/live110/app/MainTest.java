package org.live110.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.app.demo.DemoCommand;
import picocli.CommandLine;

class MainTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
    return cli.execute(args);
  }

  @Test
  void missingRegistryFileIsOneClearLineAndExitCodeOne() {
    Path missing = dir.resolve("no-such-registry.csv");
    int code = run("demo", "--data-dir", dir.toString(), "--registry", missing.toString());
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString().strip().lines())
        .containsExactly("110live: file not found or not readable: " + missing.toAbsolutePath());
  }

  @Test
  void brokenRegistryFileNamesTheFileWithoutAStackTrace() throws Exception {
    Path broken = Files.writeString(dir.resolve("counties.csv"), "not,a,registry\n");
    int code = run("demo", "--data-dir", dir.toString(), "--registry", broken.toString());
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .startsWith("110live: ")
        .contains("counties.csv")
        .doesNotContain("\tat ");
  }

  @Test
  void unknownOptionIsAUsageErrorWithExitCodeTwo() {
    assertThat(run("demo", "--no-such-option")).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString()).contains("--no-such-option").contains("110live demo --help");
  }

  @Test
  void everySubcommandIsMounted() {
    assertThat(Main.commandLine().getSubcommands().keySet())
        .contains("demo", "job", "dashboard", "simulate", "replay", "verify", "bench");
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    DemoCommand.DurationConverter converter = new DemoCommand.DurationConverter();
    assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("PT2S")).isEqualTo(Duration.ofSeconds(2));
  }
}
