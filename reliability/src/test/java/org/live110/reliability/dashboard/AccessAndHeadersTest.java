package org.live110.reliability.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.FramePolicy;
import org.live110.dashboard.SimulatorControl;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.InProcessDashboard;
import org.live110.reliability.support.SseStream;

/**
 * Access and headers (RELIABILITY.md §8): every route × {no token, wrong token, valid token} (and
 * the ways a token must NOT be accepted: query string, cookie, other headers, other schemes).
 * Invariants: public reads answer 200 whatever the token; admin answers 401 without and 403 with a
 * wrong token and changes nothing; only a valid bearer header reaches the simulator; with no token
 * configured admin is closed (503). Every response — errors included — carries the CSP (no inline
 * or eval), nosniff, the framing policy and no-referrer. Event text with HTML and SSE control
 * characters arrives as one frame, intact, as JSON text; the pages' scripts never build HTML.
 */
@Tag("reliability")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AccessAndHeadersTest {
  private static final String TOKEN = "k9-Xx7-reliability-token";
  private static final String NASTY_TITLE =
      "<img src=x onerror=alert(1)><script>alert(2)</script>\n\ndata: {\"evil\":true}\r\n\r\n"
          + "event: progress\nid: 999\n\n: comment\r大凉山苦荞直播 \u2028\u2029 \"quoted\" \\ end";
  private static final List<String> PUBLIC_GETS =
      List.of(
          "/",
          "/live",
          "/counties/622921",
          "/api/progress",
          "/api/progress.csv",
          "/api/counties",
          "/api/series?scope=all",
          "/api/series?scope=all&minutes=10",
          "/api/sessions?status=all",
          "/api/sessions?status=live",
          "/health",
          "/metrics",
          "/webjars/echarts/5.3.1/dist/echarts.min.js");
  private static final List<String[]> ADMIN =
      List.of(
          new String[] {"POST", "/api/admin/simulator/start"},
          new String[] {"POST", "/api/admin/simulator/stop"},
          new String[] {"GET", "/api/admin/simulator"});

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** A simulator that is there and counts what it was asked to do. */
  private static final class CountingSimulator implements SimulatorControl {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Status start() {
      calls.incrementAndGet();
      return new Status(true, true, "started");
    }

    @Override
    public Status stop() {
      calls.incrementAndGet();
      return new Status(true, false, "stopped");
    }

    @Override
    public Status status() {
      calls.incrementAndGet();
      return new Status(true, false, "idle");
    }
  }

  @Test
  void everyRouteTimesEveryTokenAnswersAsSpecifiedWithTheSecurityHeaders() throws Exception {
    Figures figures = new Figures("access-and-headers");
    CountingSimulator simulator = new CountingSimulator();
    List<String> failures = new ArrayList<>();
    int requests = 0;
    DashboardConfig config =
        DashboardConfig.builder().port(0).adminToken(TOKEN).framePolicy(FramePolicy.DENY).build();
    try (InProcessDashboard d = new InProcessDashboard(config, simulator)) {
      d.view().apply(InProcessDashboard.session("s-1", "622921", NASTY_TITLE, 1));
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("none", null);
      tokens.put("wrong", "Bearer not-the-token");
      tokens.put("valid", "Bearer " + TOKEN);

      Set<String> pages = new LinkedHashSet<>(PUBLIC_GETS);
      pages.addAll(scriptsOfPages(d.url()));
      for (String path : pages) {
        for (Map.Entry<String, String> t : tokens.entrySet()) {
          HttpResponse<byte[]> r = send(d.url(), "GET", path, t.getValue());
          requests++;
          expect(failures, "GET " + path + " token " + t.getKey(), r, 200);
        }
      }
      // The stream: only the status and headers matter here (its frames are checked below).
      for (Map.Entry<String, String> t : tokens.entrySet()) {
        HttpResponse<InputStream> r = openStream(d.url(), t.getValue());
        requests++;
        expectHeaders(
            failures, "GET /api/stream token " + t.getKey(), r.statusCode(), r.headers(), 200);
        r.body().close();
      }

      int validCalls = 0;
      for (String[] admin : ADMIN) {
        expect(failures, admin[1] + " no token", send(d.url(), admin[0], admin[1], null), 401);
        expect(
            failures,
            admin[1] + " wrong token",
            send(d.url(), admin[0], admin[1], tokens.get("wrong")),
            403);
        for (String bad : List.of("Basic " + TOKEN, "Bearer", "Bearer ", "Token " + TOKEN, TOKEN)) {
          expect(
              failures,
              admin[1] + " header '" + bad + "'",
              send(d.url(), admin[0], admin[1], bad),
              401);
        }
        for (String q : List.of("token", "access_token", "admin_token", "adminToken", "auth")) {
          expect(
              failures,
              admin[1] + " ?" + q + "=<valid>",
              send(d.url(), admin[0], admin[1] + "?" + q + "=" + TOKEN, null),
              401);
        }
        expect(
            failures,
            admin[1] + " ?authorization=Bearer <valid>",
            send(d.url(), admin[0], admin[1] + "?authorization=Bearer%20" + TOKEN, null),
            401);
        expect(
            failures,
            admin[1] + " cookie",
            sendWith(d.url(), admin[0], admin[1], "Cookie", "token=" + TOKEN),
            401);
        expect(
            failures,
            admin[1] + " X-Admin-Token",
            sendWith(d.url(), admin[0], admin[1], "X-Admin-Token", TOKEN),
            401);
        requests += 14;
        assertThat(simulator.calls.get())
            .as("no unauthorized call reached the simulator")
            .isEqualTo(validCalls);
        expect(
            failures,
            admin[1] + " valid token",
            send(d.url(), admin[0], admin[1], tokens.get("valid")),
            200);
        requests++;
        validCalls++;
        assertThat(simulator.calls.get()).isEqualTo(validCalls);
      }
      // Wrong methods and unknown paths are errors, with the headers too.
      expect(
          failures, "POST /api/progress", send(d.url(), "POST", "/api/progress", null), 404, 405);
      expect(
          failures,
          "DELETE /api/admin/simulator",
          send(d.url(), "DELETE", "/api/admin/simulator", tokens.get("valid")),
          404,
          405);
      expect(failures, "GET /nope", send(d.url(), "GET", "/nope", null), 404);
      expect(failures, "GET /counties/000000", send(d.url(), "GET", "/counties/000000", null), 404);
      requests += 4;

      checkEventText(d, failures);
      List<String> htmlSinks = htmlSinksInPageScripts(d.url());
      figures.put("pageScriptsChecked", scriptsOfPages(d.url()));
      figures.put("htmlSinksInPageScripts", htmlSinks);
      if (!htmlSinks.isEmpty()) {
        failures.add("page scripts build HTML: " + htmlSinks);
      }
    }

    // Admin closed when no token is configured; framing policy configurable.
    DashboardConfig closed =
        DashboardConfig.builder().port(0).framePolicy(FramePolicy.SAMEORIGIN).build();
    try (InProcessDashboard d = new InProcessDashboard(closed, new CountingSimulator())) {
      for (String[] admin : ADMIN) {
        HttpResponse<byte[]> r = send(d.url(), admin[0], admin[1], "Bearer " + TOKEN);
        requests++;
        if (r.statusCode() != 503) {
          failures.add(admin[1] + " with admin closed: " + r.statusCode() + " (want 503)");
        }
      }
      HttpResponse<byte[]> r = send(d.url(), "GET", "/", null);
      requests++;
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      if (!csp.contains("frame-ancestors 'self'")
          || !"SAMEORIGIN".equals(r.headers().firstValue("X-Frame-Options").orElse(""))) {
        failures.add("SAMEORIGIN framing policy not applied: " + csp);
      }
    }
    figures.put("requests", requests).put("failures", failures);
    figures.write();
    assertThat(failures).isEmpty();
  }

  /** The title comes through SSE snapshot, SSE update and /api/sessions as one intact text. */
  private void checkEventText(InProcessDashboard d, List<String> failures) throws Exception {
    try (SseStream s = SseStream.open(http, d.url() + "/api/stream")) {
      SseStream.Frame snapshot = s.next(Duration.ofSeconds(10));
      if (snapshot == null || !"snapshot".equals(snapshot.event())) {
        failures.add("first SSE frame is not a snapshot: " + snapshot);
        return;
      }
      checkFrame(failures, snapshot, NASTY_TITLE);
      String second = NASTY_TITLE + " (2)";
      d.view().apply(InProcessDashboard.session("s-1", "622921", second, 2));
      // A delta may repeat what the snapshot holds: when the first version was applied less than a
      // tick before this client joined, the next tick still carries it (built from the view as it
      // is then, so never older than the snapshot). Every sessions frame must hold one of the two
      // titles intact; the second must arrive.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      boolean secondSeen = false;
      while (!secondSeen && System.nanoTime() < deadline) {
        SseStream.Frame f = s.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (f == null) {
          break;
        }
        if (!Set.of("progress", "sessions", "series").contains(f.event())) {
          failures.add("an event text made an SSE frame of its own: " + f);
        } else if ("sessions".equals(f.event())) {
          List<String> titles = sessionTitles(failures, f);
          secondSeen = titles.contains(second);
          if (!secondSeen && !titles.contains(NASTY_TITLE)) {
            failures.add("sessions frame lacks the intact title: " + f.data());
          }
        }
      }
      if (!secondSeen) {
        failures.add("no sessions frame with the changed title within 10 s");
      }
    }
    HttpResponse<byte[]> r = send(d.url(), "GET", "/api/sessions?status=all", null);
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!type.startsWith("application/json")) {
      failures.add("/api/sessions content type " + type);
    }
    JsonNode sessions = json.readTree(r.body()).path("sessions");
    if (sessions.size() != 1
        || !(NASTY_TITLE + " (2)").equals(sessions.get(0).path("title").asText())) {
      failures.add("/api/sessions does not return the title intact: " + sessions);
    }
  }

  private void checkFrame(List<String> failures, SseStream.Frame f, String title) throws Exception {
    if (!sessionTitles(failures, f).contains(title)) {
      failures.add(f.event() + " frame lacks the intact title: " + f.data());
    }
  }

  /** The session titles of a frame's {@code sessions} list (a split frame is a failure). */
  private List<String> sessionTitles(List<String> failures, SseStream.Frame f) throws Exception {
    if (f.dataLines().size() != 1) {
      failures.add(f.event() + " frame has " + f.dataLines().size() + " data lines");
      return List.of();
    }
    List<String> titles = new ArrayList<>();
    for (JsonNode s : json.readTree(f.data()).path("sessions")) {
      titles.add(s.path("title").asText());
    }
    return titles;
  }

  private HttpResponse<byte[]> send(String base, String method, String path, String authorization)
      throws Exception {
    return authorization == null
        ? sendWith(base, method, path, null, null)
        : sendWith(base, method, path, "Authorization", authorization);
  }

  private HttpResponse<byte[]> sendWith(
      String base, String method, String path, String header, String value) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (header != null) {
      b.header(header, value);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<InputStream> openStream(String base, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/stream"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static void expect(
      List<String> failures, String what, HttpResponse<byte[]> r, int... allowed) {
    expectHeaders(failures, what, r.statusCode(), r.headers(), allowed);
  }

  private static void expectHeaders(
      List<String> failures,
      String what,
      int status,
      java.net.http.HttpHeaders headers,
      int... allowed) {
    boolean ok = false;
    for (int a : allowed) {
      ok |= status == a;
    }
    if (!ok) {
      failures.add(
          what + ": status " + status + " (want " + java.util.Arrays.toString(allowed) + ")");
    }
    String csp = headers.firstValue("Content-Security-Policy").orElse("");
    for (String directive :
        List.of(
            "default-src 'self'",
            "script-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'")) {
      if (!csp.contains(directive)) {
        failures.add(what + ": CSP lacks " + directive + " (" + csp + ")");
      }
    }
    if (csp.contains("unsafe-inline") || csp.contains("unsafe-eval")) {
      failures.add(what + ": CSP allows unsafe-inline/eval");
    }
    if (!"nosniff".equals(headers.firstValue("X-Content-Type-Options").orElse(""))) {
      failures.add(what + ": no X-Content-Type-Options: nosniff");
    }
    if (!"DENY".equals(headers.firstValue("X-Frame-Options").orElse(""))) {
      failures.add(what + ": no X-Frame-Options: DENY");
    }
    if (!"no-referrer".equals(headers.firstValue("Referrer-Policy").orElse(""))) {
      failures.add(what + ": no Referrer-Policy: no-referrer");
    }
  }

  private static final Pattern SCRIPT_SRC = Pattern.compile("<script[^>]+src=\"([^\"]+)\"");
  private static final Pattern IMPORT =
      Pattern.compile(
          "(?:import|export)[^'\"]*?from\\s*['\"]([^'\"]+)['\"]|import\\(\\s*['\"]([^'\"]+)['\"]");
  private static final Pattern HTML_SINK =
      Pattern.compile(
          "\\.innerHTML\\s*[+]?=\\s*(?!['\"]['\"])|outerHTML\\s*=|insertAdjacentHTML|document\\.write"
              + "|\\beval\\(|new Function\\(");

  /** The page scripts the three pages load, following ES module imports (ECharts excluded). */
  private List<String> scriptsOfPages(String base) throws Exception {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (String page : List.of("/", "/live", "/counties/622921")) {
      Matcher m = SCRIPT_SRC.matcher(new String(send(base, "GET", page, null).body(), "UTF-8"));
      while (m.find()) {
        todo.add(resolve("/", m.group(1)));
      }
    }
    while (!todo.isEmpty()) {
      String path = todo.poll();
      if (path.startsWith("/webjars/") || !seen.add(path)) {
        continue;
      }
      Matcher m = IMPORT.matcher(new String(send(base, "GET", path, null).body(), "UTF-8"));
      while (m.find()) {
        String target = m.group(1) != null ? m.group(1) : m.group(2);
        if (target.startsWith(".") || target.startsWith("/")) {
          todo.add(resolve(path, target));
        }
      }
    }
    return new ArrayList<>(seen);
  }

  private static String resolve(String from, String target) {
    return URI.create("http://x" + from).resolve(target).getPath();
  }

  private List<String> htmlSinksInPageScripts(String base) throws Exception {
    List<String> found = new ArrayList<>();
    for (String path : scriptsOfPages(base)) {
      String[] lines = new String(send(base, "GET", path, null).body(), "UTF-8").split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (HTML_SINK.matcher(lines[i]).find() && !lines[i].strip().startsWith("//")) {
          found.add(path + ":" + (i + 1) + " " + lines[i].strip());
        }
      }
    }
    return found;
  }
}
