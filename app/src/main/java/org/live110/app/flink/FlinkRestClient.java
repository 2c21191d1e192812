package org.live110.app.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.live110.app.LauncherException;

/**
 * The few calls of Flink's REST API that submitting and watching a job needs: upload a jar, run it,
 * ask for a job's state and checkpoints, list task managers, cancel.
 *
 * <p>Input: the base URL of a JobManager's REST endpoint (e.g. {@code http://localhost:8081}).
 * Output: the parsed answers. Every failure is a {@link LauncherException} naming the call.
 */
public final class FlinkRestClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;

  public FlinkRestClient(URI base) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** The REST endpoint's base URL. */
  public URI base() {
    return base;
  }

  /** Whether the REST endpoint answers {@code GET /config} right now. */
  public boolean isUp() {
    try {
      return send(HttpRequest.newBuilder(base.resolve("config")).GET()).statusCode() == 200;
    } catch (LauncherException e) {
      return false;
    }
  }

  /**
   * Uploads a jar ({@code POST /jars/upload}).
   *
   * @return the jar id to run it by
   */
  public String uploadJar(Path jar) {
    String boundary = "----110live" + UUID.randomUUID();
    byte[] body;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                  + jar.getFileName()
                  + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(Files.readAllBytes(jar));
      out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      body = out.toByteArray();
    } catch (IOException e) {
      throw new LauncherException("cannot read job jar " + jar + ": " + e.getMessage(), e);
    }
    JsonNode answer =
        json(
            "upload " + jar.getFileName(),
            HttpRequest.newBuilder(base.resolve("jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    String filename = answer.path("filename").asText("");
    if (!"success".equals(answer.path("status").asText()) || filename.isEmpty()) {
      throw new LauncherException("Flink did not accept jar " + jar + ": " + answer);
    }
    return Path.of(filename).getFileName().toString();
  }

  /**
   * Runs an uploaded jar ({@code POST /jars/<id>/run}). The parallelism goes in the request: a
   * session cluster does not apply its default to jars run this way.
   *
   * @return the job id
   */
  public String runJar(
      String jarId, Optional<String> entryClass, List<String> programArgs, int parallelism) {
    ObjectNode request = JSON.createObjectNode();
    entryClass.ifPresent(c -> request.put("entryClass", c));
    request
        .putArray("programArgsList")
        .addAll(programArgs.stream().map(JSON::valueToTree).map(JsonNode.class::cast).toList());
    request.put("parallelism", parallelism);
    JsonNode answer =
        json(
            "run jar " + jarId,
            HttpRequest.newBuilder(base.resolve("jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
    String jobId = answer.path("jobid").asText("");
    if (jobId.isEmpty()) {
      throw new LauncherException("Flink ran jar " + jarId + " but returned no job id: " + answer);
    }
    return jobId;
  }

  /** The job's state ({@code RUNNING}, {@code RESTARTING}, ...). */
  public String jobState(String jobId) {
    return json("job " + jobId, HttpRequest.newBuilder(base.resolve("jobs/" + jobId)).GET())
        .path("state")
        .asText();
  }

  /** The job's details ({@code GET /jobs/<id>}), including each vertex's status. */
  public JsonNode job(String jobId) {
    return json("job " + jobId, HttpRequest.newBuilder(base.resolve("jobs/" + jobId)).GET());
  }

  /**
   * Whether the job is RUNNING with every vertex RUNNING or already FINISHED (all tasks deployed
   * and started).
   */
  public boolean allTasksRunning(String jobId) {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    // A bounded source (the job's one-record start signal) finishes at once: FINISHED is as good
    // as RUNNING for it, but at least one task must be running.
    boolean anyRunning = false;
    for (JsonNode vertex : job.path("vertices")) {
      String status = vertex.path("status").asText();
      if ("RUNNING".equals(status)) {
        anyRunning = true;
      } else if (!"FINISHED".equals(status)) {
        return false;
      }
    }
    return anyRunning;
  }

  /** How many checkpoints of the job have completed. */
  public long completedCheckpoints(String jobId) {
    return json(
            "checkpoints of " + jobId,
            HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "/checkpoints")).GET())
        .path("counts")
        .path("completed")
        .asLong();
  }

  /** How many task managers are registered with the resource manager. */
  public int taskManagers() {
    return json("task managers", HttpRequest.newBuilder(base.resolve("taskmanagers")).GET())
        .path("taskmanagers")
        .size();
  }

  /** Cancels a job ({@code PATCH /jobs/<id>?mode=cancel}). */
  public void cancel(String jobId) {
    send(
        HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "?mode=cancel"))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()));
  }

  private JsonNode json(String what, HttpRequest.Builder request) {
    HttpResponse<String> response = send(request);
    if (response.statusCode() / 100 != 2) {
      throw new LauncherException(
          "Flink REST "
              + what
              + " failed with HTTP "
              + response.statusCode()
              + ": "
              + firstLine(response.body()));
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new LauncherException("Flink REST " + what + " returned no JSON: " + e.getMessage(), e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new LauncherException("cannot reach Flink's REST API at " + base, e);
    } catch (IOException e) {
      throw new LauncherException("Flink REST call to " + base + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted calling Flink's REST API", e);
    }
  }

  private static String firstLine(String body) {
    String line = body.lines().findFirst().orElse("");
    return line.length() > 500 ? line.substring(0, 500) + "…" : line;
  }
}
