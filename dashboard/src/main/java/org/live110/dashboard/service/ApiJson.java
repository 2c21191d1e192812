package org.live110.dashboard.service;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the dashboard's HTTP/SSE contract (dashboard-contract.md), as records Jackson
 * writes in declaration order. Campaign-clock instants are ISO-8601 strings at +08:00.
 */
public final class ApiJson {
  private ApiJson() {}

  /** One scope: figures, targets and progress computed at the global campaign clock. */
  public record Scope(
      long version,
      Map<String, Long> totals,
      Map<String, Long> targets,
      Map<String, Progress> progress,
      Map<String, Long> today,
      String day,
      long livestreamSalesFen,
      long duplicates) {}

  /** A KPI against its target; {@code pace} is a {@code PaceStatus} key such as on_track. */
  public record Progress(
      long value,
      Long target,
      Double progress,
      double expected,
      String pace,
      long projection,
      Long dailyRateNeeded) {}

  public record DeadLetters(long total, Map<String, Long> byReason) {}

  /** {@code GET /api/progress}. */
  public record ProgressResponse(
      String asOf,
      Map<String, Scope> scopes,
      DeadLetters deadLetters,
      String updatedAt,
      boolean stale) {}

  /** SSE {@code progress} event: only the changed scopes. */
  public record ProgressDelta(
      String asOf,
      Map<String, Scope> scopes,
      DeadLetters deadLetters,
      String updatedAt,
      boolean stale) {}

  /** SSE {@code snapshot} event: the whole progress plus live sessions and aggregate series. */
  public record StreamSnapshot(
      String asOf,
      Map<String, Scope> scopes,
      DeadLetters deadLetters,
      String updatedAt,
      boolean stale,
      List<Session> sessions,
      Map<String, List<Point>> series) {}

  public record County(
      String code,
      String name,
      String province,
      String prefecture,
      String tier,
      double lon,
      double lat) {}

  public record Point(
      String minute, long salesFen, long orders, long exposure, long reads, long newViewers) {}

  public record Series(String scope, List<Point> points) {}

  /** A livestream session with its county's name and its duration in campaign time. */
  public record Session(
      String sessionId,
      String countyCode,
      String countyName,
      String hostId,
      String platform,
      String title,
      String status,
      String startedAt,
      String endedAt,
      String lastEventAt,
      long durationSeconds,
      long viewersOnline,
      long peakViewers,
      long newViewers,
      long likes,
      long orders,
      long salesFen,
      long version) {}

  public record Sessions(List<Session> sessions) {}

  public record SeriesDelta(Map<String, List<Point>> points) {}

  public record Health(
      String status, boolean fresh, Long lastUpdateAgeSeconds, String asOf, boolean replaying) {}

  public record Error(String error) {}
}
