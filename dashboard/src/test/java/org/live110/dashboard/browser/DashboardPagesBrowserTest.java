package org.live110.dashboard.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.live110.dashboard.DashboardApp;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardDeps;
import org.live110.dashboard.SimulatorControl;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages in a real headless Chromium against the real dashboard server (started on port 0) fed
 * with a seeded simulated campaign year: what the pages show equals what the API says, the charts
 * hold the data, event text stays text, and a page reconnects by itself after a server restart.
 *
 * <p>With {@code -Dscreenshots=true} it also writes {@code docs/wall.png} and {@code docs/live.png}
 * (1920x1080) from the simulated year.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesBrowserTest {
  private static final long SEED = 20190918L;
  private static final int LIVE_SESSIONS = 40;
  private static final int COUNTY_MINUTES = 240;
  private static final String COUNTY = "622921";
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  /** The 9 plan targets as the wall shows them: card id suffix → (scope, kpi). */
  private static final List<String[]> PLAN_CARDS =
      List.of(
          new String[] {"exposure-core", "tier:core", "exposure"},
          new String[] {"salesFen-core", "tier:core", "salesFen"},
          new String[] {"shops-radiating", "tier:radiating", "shops"},
          new String[] {"products-radiating", "tier:radiating", "products"},
          new String[] {"salesFen-radiating", "tier:radiating", "salesFen"},
          new String[] {"trainees-all", "all", "trainees"},
          new String[] {"posts-all", "all", "posts"},
          new String[] {"reads-all", "all", "reads"},
          new String[] {"households-all", "all", "households"});

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountyRegistry registry = CountyRegistry.sample();
  private final TargetBook targets = TargetBook.plan(registry);
  private final CampaignCalendar calendar = CampaignCalendar.defaultYear();

  private Chromium chromium;
  private ChromeDriver driver;
  private SimulatedYear year;
  private Javalin app;
  private String base;

  @BeforeAll
  void startBrowser() throws IOException {
    Chromium.requireInstalled();
    chromium = Chromium.start(1920, 1080);
    driver = chromium.driver;
  }

  @AfterAll
  void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void startDashboard() {
    year = new SimulatedYear(registry, targets, calendar, SEED, SimulatedYear.AS_OF, Instant.now());
    app = startApp(seededView(), 0);
    base = "http://localhost:" + app.port();
    driver.manage().window().setSize(new Dimension(1920, 1080));
  }

  @AfterEach
  void stopDashboard() {
    if (driver != null) {
      // Leave the page so its stream is closed before the server goes away.
      driver.get("about:blank");
    }
    if (app != null) {
      app.stop();
    }
  }

  // ---------------------------------------------------------------- wall display

  @Test
  void wallDisplayShowsExactlyTheFiguresOfTheApi() throws Exception {
    open("/");
    JsonNode api = getJson("/api/progress");

    for (String[] card : PLAN_CARDS) {
      long expected = api.path("scopes").path(card[1]).path("totals").path(card[2]).asLong(-1);
      assertThat(expected).as(card[0]).isPositive();
      assertThat(dataValue("#kpi-" + card[0] + " .kpi-value"))
          .as(card[0])
          .isEqualTo(String.valueOf(expected));
      String pace =
          api.path("scopes").path(card[1]).path("progress").path(card[2]).path("pace").asText();
      assertThat(attr("#kpi-" + card[0], "data-pace")).as(card[0] + " pace").isEqualTo(pace);
    }
    JsonNode all = api.path("scopes").path("all");
    assertThat(dataValue("#today-sales")).isEqualTo(all.path("today").path("salesFen").asText());
    assertThat(dataValue("#dead-letters"))
        .isEqualTo(api.path("deadLetters").path("total").asText());
    assertThat(dataValue("#duplicates")).isEqualTo(all.path("duplicates").asText());
    assertThat(dataValue("#live-sales")).isEqualTo(all.path("livestreamSalesFen").asText());
    assertThat(dataValue("#live-now")).isEqualTo(String.valueOf(LIVE_SESSIONS));
    assertThat(dataValue("#as-of")).isEqualTo(api.path("asOf").asText());
    assertThat(text("#as-of")).isEqualTo("2019-09-18 20:05");
    assertThat(attr("#connection", "data-state")).isEqualTo("open");
    assertThat(element("#stale-warning").isDisplayed()).isFalse();

    // The count-up settles on the exact figure for a count below 10,000.
    long trainees = all.path("totals").path("trainees").asLong();
    await()
        .atMost(PATIENCE)
        .until(() -> text("#kpi-trainees-all .kpi-value").equals(grouped(trainees)));
  }

  @Test
  void wallChartsHoldTheData() throws Exception {
    open("/");
    JsonNode api = getJson("/api/progress");
    awaitChartsSettled();

    for (String[] card : PLAN_CARDS) {
      List<List<Object>> gauge = seriesData("gauge-" + card[0]);
      double progress =
          api.path("scopes")
              .path(card[1])
              .path("progress")
              .path(card[2])
              .path("progress")
              .asDouble();
      double expected =
          api.path("scopes")
              .path(card[1])
              .path("progress")
              .path(card[2])
              .path("expected")
              .asDouble();
      assertThat(number(gauge.get(0).get(0)))
          .as(card[0])
          .isCloseTo(Math.min(100, progress * 100), within());
      assertThat(number(gauge.get(1).get(0)))
          .as(card[0] + " marker")
          .isCloseTo(expected * 100, within());
    }
    List<List<Object>> trend = seriesData("chart-trend");
    assertThat(trend).hasSize(3);
    assertThat(trend.get(0)).hasSize(ProgressView.SERIES_MINUTES);
    assertThat(trend.get(1)).hasSize(ProgressView.SERIES_MINUTES);
    List<List<Object>> map = seriesData("chart-map");
    assertThat(map.get(0).size() + map.get(1).size()).isEqualTo(registry.size());
    assertThat(map.get(1)).hasSize(registry.inTier(org.live110.model.Tier.CORE).size());
    List<List<Object>> tiers = seriesData("chart-tiers");
    assertThat(tiers).hasSize(2);
    assertThat(tiers.get(0)).isNotEmpty().allSatisfy(v -> assertThat(v).isNotNull());

    // Every county is ranked; the leader is the county with the highest mean completion.
    assertThat(driver.findElements(By.cssSelector("#ranking li"))).hasSize(registry.size());
    List<String> expectedOrder = rankByMeanCompletion(api);
    assertThat(attr("#ranking li:first-child", "data-code")).isEqualTo(expectedOrder.get(0));
    assertThat(attr("#ranking li:last-child", "data-code"))
        .isEqualTo(expectedOrder.get(expectedOrder.size() - 1));

    // The ticker shows the hostile title as text, and nothing it carried ran or rendered.
    assertHostileTitleIsText(
        "#ticker li[data-session='" + SimulatedYear.HOSTILE_SESSION_ID + "'] .title");
  }

  @Test
  void wallShowsAFigurePushedOverTheStream() {
    open("/");
    ScopeSnapshot before = year.snapshot(Scopes.ALL);
    ScopeSnapshot after = year.grown(Scopes.ALL, Kpi.TRAINEES, 1_234, before.version() + 1_000);
    assertThat(dataValue("#kpi-trainees-all .kpi-value"))
        .isEqualTo(String.valueOf(before.total(Kpi.TRAINEES)));

    viewOf(app).apply(after);

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                dataValue("#kpi-trainees-all .kpi-value")
                    .equals(String.valueOf(after.total(Kpi.TRAINEES))));
    await()
        .atMost(PATIENCE)
        .until(
            () -> text("#kpi-trainees-all .kpi-value").equals(grouped(after.total(Kpi.TRAINEES))));
  }

  @Test
  void pageReconnectsAfterTheServerRestarts() {
    open("/");
    int port = app.port();
    app.stop();
    await().atMost(PATIENCE).until(() -> !"open".equals(attr("#connection", "data-state")));

    ScopeSnapshot grown =
        year.grown(Scopes.ALL, Kpi.TRAINEES, 777, year.snapshot(Scopes.ALL).version() + 1_000);
    ProgressView view = seededView();
    view.apply(grown);
    app = startApp(view, port);

    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> "open".equals(attr("#connection", "data-state")));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                dataValue("#kpi-trainees-all .kpi-value")
                    .equals(String.valueOf(grown.total(Kpi.TRAINEES))));
  }

  @Test
  void staleWarningShowsWhenNoUpdateCameForAWhile() {
    // ?staleAfter=2: the page calls its data stale after 2 s without an update (default 60 s);
    // the stream stays connected, so the warning is about the data, not the connection.
    open("/?staleAfter=2");
    assertThat(element("#stale-warning").isDisplayed()).isFalse();
    await().atMost(PATIENCE).until(() -> element("#stale-warning").isDisplayed());
    assertThat(text("#stale-warning")).isEqualTo("数据已超时未更新");
    assertThat(attr("#connection", "data-state")).isEqualTo("open");
  }

  @Test
  void stageFitsTheWindowWithoutScrollBarsFrom1080pTo4k() {
    open("/");
    for (Dimension size :
        List.of(new Dimension(1920, 1080), new Dimension(3840, 2160), new Dimension(1366, 768))) {
      driver.manage().window().setSize(size);
      await()
          .atMost(PATIENCE)
          .untilAsserted(
              () -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> m =
                    (Map<String, Object>)
                        js(
                            "const r = document.getElementById('stage').getBoundingClientRect();"
                                + "const d = document.documentElement;"
                                + "return {w: innerWidth, h: innerHeight, sw: d.scrollWidth, sh: d.scrollHeight,"
                                + " left: r.left, top: r.top, right: r.right, bottom: r.bottom};");
                double w = number(m.get("w"));
                double h = number(m.get("h"));
                assertThat(number(m.get("sw"))).isLessThanOrEqualTo(w);
                assertThat(number(m.get("sh"))).isLessThanOrEqualTo(h);
                assertThat(number(m.get("left"))).isGreaterThanOrEqualTo(-0.5);
                assertThat(number(m.get("top"))).isGreaterThanOrEqualTo(-0.5);
                assertThat(number(m.get("right"))).isLessThanOrEqualTo(w + 0.5);
                assertThat(number(m.get("bottom"))).isLessThanOrEqualTo(h + 0.5);
                // It fills the window along the limiting side (16:9 letterbox).
                assertThat(
                        Math.max(
                            (number(m.get("right")) - number(m.get("left"))) / w,
                            (number(m.get("bottom")) - number(m.get("top"))) / h))
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
              });
    }
  }

  @Test
  void englishSwitchAndKioskMode() {
    open("/?lang=en&kiosk=1");
    assertThat(text("h1")).isEqualTo("\"110\" Online Poverty Alleviation · Live Progress");
    assertThat(driver.getTitle()).isEqualTo("110 Live · Live Progress");
    assertThat(text("#kpi-salesFen-core .kpi-name")).isEqualTo("Online sales");
    assertThat(attr("body", "class")).contains("kiosk");
    assertThat(element("#lang-toggle").isDisplayed()).isFalse();

    open("/");
    assertThat(text("h1")).isEqualTo("“110”网络扶贫行动 · 实时进展");
    assertThat(driver.getTitle()).isEqualTo("110 网络扶贫 · 实时进展");
    element("#lang-toggle").click();
    await().atMost(PATIENCE).until(() -> driver.getCurrentUrl().contains("lang=en"));
    awaitReady();
    assertThat(text("#kpi-salesFen-core .kpi-name")).isEqualTo("Online sales");
  }

  // ---------------------------------------------------------------- live monitor

  @Test
  void liveMonitorListsTheLiveSessionsAndShowsEventTextAsText() throws Exception {
    open("/live");
    JsonNode api = getJson("/api/sessions?status=live");
    List<JsonNode> live = new ArrayList<>();
    api.path("sessions").forEach(live::add);
    assertThat(live).hasSize(LIVE_SESSIONS);

    await()
        .atMost(PATIENCE)
        .until(
            () -> driver.findElements(By.cssSelector("#sessions-body tr")).size() == LIVE_SESSIONS);
    assertHostileTitleIsText(
        "#sessions-body tr[data-session='" + SimulatedYear.HOSTILE_SESSION_ID + "'] td.title");

    // Summary figures are the sums over the live sessions.
    assertThat(dataValue("#stat-live")).isEqualTo(String.valueOf(LIVE_SESSIONS));
    assertThat(dataValue("#stat-viewers")).isEqualTo(String.valueOf(sum(live, "viewersOnline")));
    assertThat(dataValue("#stat-orders")).isEqualTo(String.valueOf(sum(live, "orders")));
    assertThat(dataValue("#stat-sales")).isEqualTo(String.valueOf(sum(live, "salesFen")));

    // Default order: viewers now, descending; clicking "sales" sorts by sales.
    assertThat(columnValues("td.viewers")).isSortedAccordingTo(Comparator.reverseOrder());
    element("th[data-key='salesFen']").click();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(columnValues("td.sales"))
                    .isSortedAccordingTo(Comparator.reverseOrder()));
    assertThat(attr("th[data-key='salesFen']", "aria-sort")).isEqualTo("descending");
    element("th[data-key='salesFen']").click();
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(columnValues("td.sales")).isSorted());

    // The chart holds the last 240 minutes; the comparison sums the last 30 against the 30 before.
    awaitChartsSettled();
    List<List<Object>> chart = seriesData("chart-live");
    assertThat(chart.get(0)).hasSize(240);
    assertThat(chart.get(1)).hasSize(240);
    JsonNode series = getJson("/api/series?scope=all&minutes=60");
    long current = 0;
    long previous = 0;
    Iterator<JsonNode> points = series.path("points").elements();
    int index = 0;
    while (points.hasNext()) {
      long sales = points.next().path("salesFen").asLong();
      if (index++ < 30) {
        previous += sales;
      } else {
        current += sales;
      }
    }
    assertThat(attr("#compare .cell[data-field='salesFen']", "data-current"))
        .isEqualTo(String.valueOf(current));
    assertThat(attr("#compare .cell[data-field='salesFen']", "data-previous"))
        .isEqualTo(String.valueOf(previous));

    // No-order alerts: exactly the live sessions without an order, live for 10 minutes or more.
    Set<String> quiet = new HashSet<>();
    for (LiveSession s : year.sessions(LIVE_SESSIONS)) {
      if (s.isLive()
          && s.orders() == 0
          && Duration.between(s.startedAt(), SimulatedYear.AS_OF).toMinutes() >= 10) {
        quiet.add(s.sessionId());
      }
    }
    assertThat(quiet).isNotEmpty();
    // Read the list in one script call: the alerts re-render every second, so element handles
    // taken one by one can go stale between two reads.
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        new HashSet<>(
                            (List<?>)
                                js(
                                    "return Array.from(document.querySelectorAll("
                                        + "\"#alerts li[data-kind='no_order']\"))"
                                        + ".map(e => e.getAttribute('data-session'));")))
                    .isEqualTo(quiet));
  }

  // ---------------------------------------------------------------- county page

  @Test
  void countyPageShowsEveryKpiAgainstTheCountyTargetsItsRankAndLivestreams() throws Exception {
    open("/counties/" + COUNTY);
    JsonNode api = getJson("/api/progress");
    JsonNode county = api.path("scopes").path(Scopes.county(COUNTY));

    await().atMost(PATIENCE).until(() -> !dataValue("#ckpi-reads .value").isEmpty());
    for (Kpi kpi : Kpi.all()) {
      assertThat(dataValue("#ckpi-" + kpi.key() + " .value"))
          .as(kpi.key())
          .isEqualTo(county.path("totals").path(kpi.key()).asText());
      String pace = county.path("progress").path(kpi.key()).path("pace").asText("");
      assertThat(attr("#ckpi-" + kpi.key(), "data-pace"))
          .as(kpi.key())
          .isEqualTo(pace.isEmpty() ? "none" : pace);
    }
    assertThat(text("#county-name")).isEqualTo(registry.find(COUNTY).orElseThrow().name());
    List<String> order = rankByMeanCompletion(api);
    await().atMost(PATIENCE).until(() -> !dataValue("#rank").isEmpty());
    assertThat(dataValue("#rank")).isEqualTo(String.valueOf(order.indexOf(COUNTY) + 1));

    await()
        .atMost(PATIENCE)
        .until(() -> seriesData("chart-county").get(0).size() == COUNTY_MINUTES);
    Set<String> mine = new HashSet<>();
    getJson("/api/sessions?status=all")
        .path("sessions")
        .forEach(
            s -> {
              if (COUNTY.equals(s.path("countyCode").asText())) {
                mine.add(s.path("sessionId").asText());
              }
            });
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                driver.findElements(By.cssSelector("#county-sessions-body tr")).size()
                    == mine.size());
  }

  // ---------------------------------------------------------------- pure panel functions

  @Test
  void panelFunctionsArePureAndExact() {
    open("/");
    Object result =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "Promise.all([import('/js/ranking.js'), import('/js/windows.js'), import('/js/kpis.js'),"
                + " import('/js/format.js'), import('/js/store.js'), import('/js/alerts.js'), import('/js/panels/gauge.js'),"
                + " import('/js/panels/trend.js')])"
                + ".then(([r, w, k, f, s, a, g, tr]) => {"
                + " const scopes = {"
                + "  'county:1': {targets: {posts: 100, reads: 1000}, totals: {posts: 50, reads: 2000}, progress: {posts: {expected: 0.5}}},"
                + "  'county:2': {targets: {posts: 100}, totals: {posts: 80}}};"
                + " const ranked = r.rankCounties([{code: '1', name: 'A', tier: 'core'}, {code: '2', name: 'B', tier: 'core'}], scopes);"
                + " const pts = []; for (let i = 0; i < 60; i++) pts.push({minute: new Date(Date.UTC(2019, 0, 1, 0, i)).toISOString(), salesFen: i + 1, orders: 1, newViewers: 0});"
                + " const cmp = w.compareWindows(pts, 30);"
                + " const merged = s.mergeSeries([], [{minute: '2019-01-01T00:02:00Z', salesFen: 1}, {minute: '2019-01-01T00:01:00Z', salesFen: 2},"
                + "   {minute: '2019-01-01T00:02:00Z', salesFen: 3}, {minute: '2019-01-01T00:03:00Z', salesFen: 4}], 2);"
                + " const hist = new Map(); const live = [{sessionId: 'x', status: 'live', orders: 0, viewersOnline: 100,"
                + "   startedAt: '2019-01-01T00:00:00Z', lastEventAt: '2019-01-01T00:12:00Z'}];"
                + " a.observe(hist, live);"
                + " const later = [{...live[0], viewersOnline: 40, lastEventAt: '2019-01-01T00:14:00Z'}];"
                + " a.observe(hist, later);"
                + " const alerts = a.computeAlerts(later, hist, '2019-01-01T00:14:00Z');"
                + " const opt = g.gaugeOption({progress: 1.234, expected: 0.5, pace: 'ahead'});"
                + " const urls = [s.streamUrl('/api/stream', s.DEFAULT_SERIES_SCOPES),"
                + "   s.streamUrl('/api/stream', new Set(['county:622921'])), s.streamUrl('/api/stream?x=1', []),"
                + "   s.streamUrl('/api/stream', Array.from({length: 17}, (_, i) => 'county:' + i))];"
                + " const ticks = ['2019-09-17T12:05:00Z', '2019-09-17T16:00:00Z', '2019-09-17T16:01:00Z', '2019-12-31T15:59:00Z',"
                + "   '2019-12-31T16:00:00Z'].map(v => Date.parse(v));"
                + " const day = f.minuteAxisFormatter(86400000 - 60000); const days = f.minuteAxisFormatter(86400000 + 60000);"
                + " const multiDay = Array.from({length: 4}, (_, i) => Date.UTC(2019, 0, 22 + i));"
                + " const county = tr.barLineOption(multiDay.map(t => ({minute: new Date(t).toISOString(), salesFen: 1, orders: 1})),"
                + "   {bar: {field: 'salesFen', name: 's'}, line: {field: 'orders', name: 'o'}}, x => x);"
                + " const labels = [...ticks.map(v => day(v)), ...ticks.slice(0, 2).map(v => days(v)),"
                + "   ...multiDay.slice(0, 2).map(v => county.xAxis.axisLabel.formatter(v))];"
                + " const trendOpts = [tr.salesTrendOption({all: pts}, x => x),"
                + "   tr.barLineOption(pts, {bar: {field: 'salesFen', name: 's'}, line: {field: 'orders', name: 'o'}}, x => x)];"
                + " done({"
                + "  labels,"
                + "  morph: trendOpts.map(o => o.animationDurationUpdate),"
                + "  rank: ranked.map(x => x.code + ':' + x.completion),"
                + "  cmpCurrent: cmp.current.salesFen, cmpPrevious: cmp.previous.salesFen,"
                + "  merged: merged.map(p => p.minute + '=' + p.salesFen),"
                + "  paces: [k.paceOf(0.5, 0.5), k.paceOf(0.56, 0.5), k.paceOf(0.45, 0.5), k.paceOf(0.3, 0.5), k.paceOf(1, 0.99)],"
                + "  formats: [f.compact(123456789), f.compact(12345), f.compact(9999), f.money(123456789), f.compact(1234567, 'en'),"
                + "    f.dateTime('2019-06-18T12:05:00Z'), f.duration(3723), f.money(-15300), f.money(-10), f.money(-123456789)],"
                + "  alerts: alerts.map(x => x.kind + ':' + (x.minutes ?? x.dropPct)),"
                + "  gauge: [opt.series[0].data[0].value, opt.series[1].data[0].value, opt.series[0].detail.formatter()],"
                + "  urls"
                + " });"
                + "}).catch(e => done('ERROR ' + e));");
    assertThat(result).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) result;
    // county 2: 0.8; county 1: posts 0.5 and reads capped at 1 → 0.75
    assertThat(r.get("rank")).isEqualTo(List.of("2:0.8", "1:0.75"));
    // minutes 0..59 hold 1..60: the last 30 sum 31..60, the 30 before 1..30
    assertThat(r.get("cmpCurrent")).isEqualTo(1365L);
    assertThat(r.get("cmpPrevious")).isEqualTo(465L);
    // replaced by minute, ascending, trimmed to the newest 2
    assertThat(r.get("merged"))
        .isEqualTo(List.of("2019-01-01T00:02:00Z=3", "2019-01-01T00:03:00Z=4"));
    assertThat(r.get("paces"))
        .isEqualTo(List.of("on_track", "ahead", "behind", "at_risk", "ahead"));
    assertThat(r.get("formats"))
        .isEqualTo(
            List.of(
                "1.23亿",
                "1.23万",
                "9,999",
                "¥123.46万",
                "1.23M",
                "2019-06-18 20:05",
                "1:02:03",
                "-¥153",
                "¥0",
                "-¥123.46万"));
    // no order for 14 minutes; viewers 100 → 40 within 2 minutes is a 60% drop
    assertThat(r.get("alerts")).isEqualTo(List.of("viewer_drop:60", "no_order:14"));
    assertThat(r.get("gauge")).isEqualTo(List.of(100L, 50L, "123.4%"));
    // minute-axis labels in campaign time (UTC+8): over a day, the date instead of midnight; over
    // more than a day (here a county's four days of points, ticks at UTC midnight), under each time
    assertThat(r.get("labels"))
        .isEqualTo(
            List.of(
                "20:05",
                "9-18",
                "00:01",
                "23:59",
                "1-1",
                "20:05\n9-17",
                "00:00\n9-18",
                "08:00\n1-22",
                "08:00\n1-23"));
    // the per-minute charts are redrawn without morphing the old line into the new
    assertThat(r.get("morph")).isEqualTo(List.of(0L, 0L));
    // the stream asks for the page's series scopes only (all of them beyond the server's 16)
    assertThat(r.get("urls"))
        .isEqualTo(
            List.of(
                "/api/stream?series=all%2Ctier%3Acore%2Ctier%3Aradiating",
                "/api/stream?series=county%3A622921",
                "/api/stream?x=1&series=none",
                "/api/stream"));
  }

  // ---------------------------------------------------------------- screenshots

  @Test
  void screenshotsOfASimulatedYear() throws IOException {
    Assumptions.assumeTrue(
        Boolean.getBoolean("screenshots"), "run with -Dscreenshots=true to write docs/*.png");
    Path docs = Path.of(System.getProperty("screenshots.dir", "../docs"));
    Files.createDirectories(docs);
    // The window includes the browser's own frame: pin the viewport itself to 1920x1080.
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));
    try {
      for (String[] page :
          List.of(
              new String[] {"/", "wall.png"},
              new String[] {"/live", "live.png"},
              new String[] {"/counties/" + COUNTY, "county.png"})) {
        open(page[0]);
        try {
          awaitChartsSettled();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          // A picture for the docs, not an assertion: the tests above check the charts.
          System.err.println(
              "charts of " + page[0] + " still animating; taking the picture anyway");
        }
        await()
            .atMost(PATIENCE)
            .until(() -> driver.findElements(By.cssSelector("[data-animating]")).isEmpty());
        Files.write(docs.resolve(page[1]), driver.getScreenshotAs(OutputType.BYTES));
      }
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  // ---------------------------------------------------------------- helpers

  private ProgressView seededView() {
    ProgressView view = new ProgressView(registry, Clock.systemUTC());
    year.snapshots().forEach(view::apply);
    view.apply(year.deadLetters());
    for (MinuteBucket b : year.buckets(ProgressView.SERIES_MINUTES, COUNTY_MINUTES)) {
      view.apply(b);
    }
    year.sessions(LIVE_SESSIONS).forEach(view::apply);
    return view;
  }

  private final Map<Javalin, ProgressView> views = new java.util.IdentityHashMap<>();

  private Javalin startApp(ProgressView view, int port) {
    DashboardConfig config = DashboardConfig.builder().port(port).build();
    DashboardDeps deps =
        DashboardDeps.of(
            config,
            registry,
            targets,
            calendar,
            view,
            SimulatorControl.unavailable(),
            Clock.systemUTC());
    Javalin started = DashboardApp.create(deps).start(port);
    views.put(started, view);
    return started;
  }

  private ProgressView viewOf(Javalin running) {
    return views.get(running);
  }

  private void open(String path) {
    driver.get(base + path);
    awaitReady();
  }

  private void awaitReady() {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "true".equals(attr("body", "data-ready"))
                    && "open".equals(attr("#connection", "data-state")));
  }

  private void awaitChartsSettled() {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                Boolean.TRUE.equals(
                    js(
                        "const charts = [...document.querySelectorAll('[_echarts_instance_]')];"
                            + "return charts.length > 0 && charts.every(c => c.dataset.settled === 'true');")));
  }

  /** The data of every series of the chart in element {@code id}: per series, the y values. */
  @SuppressWarnings("unchecked")
  private List<List<Object>> seriesData(String id) {
    Object data =
        js(
            "const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + "if (!c) return null;"
                + "return c.getOption().series.map(s => (s.data || []).map(d =>"
                + "  d === null || d === undefined ? null : Array.isArray(d) ? d[d.length - 1]"
                + "  : typeof d === 'object' ? (Array.isArray(d.value) ? d.value[d.value.length - 1] : d.value) : d));",
            id);
    assertThat(data).as("chart " + id).isNotNull();
    return (List<List<Object>>) data;
  }

  private void assertHostileTitleIsText(String selector) {
    await().atMost(PATIENCE).until(() -> !driver.findElements(By.cssSelector(selector)).isEmpty());
    assertThat(js("return document.querySelector(arguments[0]).textContent;", selector))
        .isEqualTo(SimulatedYear.HOSTILE_TITLE);
    assertThat(driver.findElements(By.tagName("img"))).isEmpty();
    assertThat(js("return window.__xss === undefined;")).isEqualTo(Boolean.TRUE);
  }

  private List<Long> columnValues(String cell) {
    return driver.findElements(By.cssSelector("#sessions-body tr " + cell)).stream()
        .map(e -> e.getAttribute("data-value"))
        .map(Long::parseLong)
        .toList();
  }

  /**
   * County codes by mean completion (each KPI with a target: value/target capped at 1), best first.
   */
  private static List<String> rankByMeanCompletion(JsonNode api) {
    List<Map.Entry<String, Double>> rows = new ArrayList<>();
    api.path("scopes")
        .fields()
        .forEachRemaining(
            e -> {
              if (!Scopes.isCounty(e.getKey())) {
                return;
              }
              double sum = 0;
              int n = 0;
              Iterator<Map.Entry<String, JsonNode>> t = e.getValue().path("targets").fields();
              while (t.hasNext()) {
                Map.Entry<String, JsonNode> target = t.next();
                long value = e.getValue().path("totals").path(target.getKey()).asLong();
                sum += Math.min(1.0, (double) value / target.getValue().asLong());
                n++;
              }
              rows.add(Map.entry(Scopes.countyCode(e.getKey()), n == 0 ? 0 : sum / n));
            });
    rows.sort(
        Map.Entry.<String, Double>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    return rows.stream().map(Map.Entry::getKey).toList();
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> res =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    return mapper.readTree(res.body());
  }

  private static long sum(List<JsonNode> sessions, String field) {
    return sessions.stream().mapToLong(s -> s.path(field).asLong()).sum();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private WebElement element(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  private String attr(String css, String name) {
    List<WebElement> found = driver.findElements(By.cssSelector(css));
    if (found.isEmpty()) {
      return null;
    }
    String v = found.get(0).getAttribute(name);
    return v == null ? "" : v;
  }

  private String dataValue(String css) {
    return attr(css, "data-value");
  }

  private String text(String css) {
    return (String) js("return document.querySelector(arguments[0]).textContent;", css);
  }

  private static String grouped(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  private static double number(Object o) {
    return ((Number) o).doubleValue();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
