package org.live110.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.live110.dashboard.http.AdminController;
import org.live110.dashboard.http.ApiController;
import org.live110.dashboard.http.JsonResponses;
import org.live110.dashboard.http.MetricsController;
import org.live110.dashboard.http.PageController;
import org.live110.dashboard.http.SecurityHeaders;
import org.live110.dashboard.http.StreamController;
import org.live110.dashboard.service.CsvReport;
import org.live110.dashboard.service.ProgressService;
import org.live110.dashboard.sse.SseHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app factory: builds an unstarted Javalin server from its {@link DashboardDeps}. Start it with
 * {@code app.start(port)} (tests use port 0) and stop it with {@code app.stop()}; the SSE hub
 * starts and stops with the server. Feeding the view is the caller's business (the Kafka follower
 * in {@link DashboardServer}, directly in tests).
 */
public final class DashboardApp {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardApp.class);

  private DashboardApp() {}

  public static Javalin create(DashboardDeps deps) {
    DashboardConfig config = deps.config();
    ObjectMapper mapper = new ObjectMapper();
    JsonResponses json = new JsonResponses(mapper);

    ProgressService service =
        new ProgressService(
            deps.registry(), deps.targets(), deps.calendar(), deps.view(), config.staleAfter());
    CsvReport csv = new CsvReport(deps.registry(), service);
    SseHub hub = new SseHub(service, deps.view(), mapper, config, deps.meterRegistry());
    DashboardMetrics metrics = new DashboardMetrics(deps.meterRegistry(), deps.view());

    SecurityHeaders headers = new SecurityHeaders(config.framePolicy());
    ApiController api = new ApiController(service, csv, json);
    AdminController admin = new AdminController(config.adminToken(), deps.simulator(), json);
    PageController pages = new PageController(service, json);
    StreamController stream = new StreamController(hub, service.scopes(), json);
    MetricsController metricsController = new MetricsController(deps.meterRegistry(), metrics);

    return Javalin.create(
        cfg -> {
          cfg.startup.showJavalinBanner = false;
          cfg.startup.showOldJavalinVersionWarning = false;
          cfg.jetty.port = config.port();
          if (config.host() != null) {
            cfg.jetty.host = config.host();
          }
          // Streams live for days; Javalin must not time the held request out.
          cfg.http.asyncTimeout = 0L;
          cfg.staticFiles.add(
              sf -> {
                sf.hostedPath = "/";
                sf.directory = "/public";
                sf.location = Location.CLASSPATH;
              });
          cfg.staticFiles.enableWebjars();

          cfg.events.serverStarting(hub::start);
          cfg.events.serverStopping(hub::close);
          cfg.events.serverStopped(metrics::close);

          cfg.routes.before(headers::apply);

          cfg.routes.get("/", pages::wall);
          cfg.routes.get("/live", pages::live);
          cfg.routes.get("/counties/{code}", pages::county);

          cfg.routes.get("/api/progress", api::progress);
          cfg.routes.get("/api/progress.csv", api::csv);
          cfg.routes.get("/api/counties", api::counties);
          cfg.routes.get("/api/series", api::series);
          cfg.routes.get("/api/sessions", api::sessions);
          cfg.routes.get("/api/stream", stream::stream);
          cfg.routes.get("/health", api::health);
          cfg.routes.get("/metrics", metricsController::scrape);

          cfg.routes.post("/api/admin/simulator/start", admin::start);
          cfg.routes.post("/api/admin/simulator/stop", admin::stop);
          cfg.routes.get("/api/admin/simulator", admin::status);

          cfg.routes.error(
              404,
              ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                  json.error(ctx, 404, "not found");
                }
              });
          cfg.routes.exception(
              Exception.class,
              (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                json.error(ctx, 500, "internal error");
              });
        });
  }
}
