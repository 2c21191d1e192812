package org.live110.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: compares the dashboard's {@code /api/progress} with a truth file, prints every
 * difference; exit 0 only when all figures match (1 on differences or an unreachable dashboard, 2
 * on bad options).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Compare the dashboard's figures with a ground-truth file.")
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--truth", required = true, description = "the truth file written by simulate")
  Path truth;

  @Option(names = "--dashboard", description = "dashboard URL (default: ${DEFAULT-VALUE})")
  URI dashboard = URI.create("http://localhost:7070");

  @Option(
      names = "--wait-seconds",
      description = "poll until all match or this many seconds pass (default: ${DEFAULT-VALUE})")
  int waitSeconds = 0;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonNode expected;
    try {
      expected = Verifier.readTruth(truth);
    } catch (IOException e) {
      err.println("verify: cannot read truth: " + e.getMessage());
      return 2;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(0, waitSeconds)).toNanos();
    List<Verifier.Difference> diffs = null;
    String failure = null;
    while (true) {
      try {
        diffs = Verifier.compare(expected, Verifier.fetchProgress(http, dashboard));
        failure = null;
      } catch (IOException e) {
        failure = "cannot read " + dashboard + "/api/progress: " + e.getMessage();
      }
      if ((failure == null && diffs.isEmpty()) || System.nanoTime() >= deadline) {
        break;
      }
      // A bounded poll: the job needs a moment to catch up after a replay.
      Thread.sleep(1_000);
    }
    if (failure != null) {
      err.println("verify: " + failure);
      return 1;
    }
    for (Verifier.Difference d : diffs) {
      out.println(d.line());
    }
    int figures = countFigures(expected);
    if (diffs.isEmpty()) {
      out.println("verify: all " + figures + " figures match");
      out.flush();
      return 0;
    }
    out.println("verify: " + diffs.size() + " of " + figures + " figures differ");
    out.flush();
    return 1;
  }

  private static int countFigures(JsonNode truth) {
    int n = 0;
    for (JsonNode scope : truth.path("scopes")) {
      n += scope.path("totals").size();
    }
    return n + 1 + truth.path("deadLetters").path("byReason").size();
  }
}
