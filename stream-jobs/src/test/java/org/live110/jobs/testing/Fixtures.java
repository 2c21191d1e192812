package org.live110.jobs.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.live110.jobs.records.ParsedRecord;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.HouseholdBenefited;
import org.live110.model.event.LiveEnded;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.LiveStats;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.TrainingAttended;
import org.live110.model.event.TrainingMode;
import org.live110.model.plan.CampaignCalendar;

/** Named moments and event builders for the operator tests (counties of {@code TestRegistries}). */
public final class Fixtures {
  public static final String LINXIA = "622921"; // core
  public static final String ZHAOJUE = "513431"; // radiating

  public static final Instant JUNE_1_10AM =
      ZonedDateTime.of(2019, 6, 1, 10, 0, 0, 0, CampaignCalendar.ZONE).toInstant();
  public static final Instant ONE_MINUTE_LATER = JUNE_1_10AM.plus(Duration.ofMinutes(1));
  public static final Instant JUNE_1_LATE_EVENING =
      ZonedDateTime.of(2019, 6, 1, 23, 59, 0, 0, CampaignCalendar.ZONE).toInstant();
  public static final Instant JUNE_2_MIDNIGHT =
      ZonedDateTime.of(2019, 6, 2, 0, 0, 0, 0, CampaignCalendar.ZONE).toInstant();
  public static final Instant JUNE_2_1AM = JUNE_2_MIDNIGHT.plus(Duration.ofHours(1));

  private Fixtures() {}

  public static long ms(Instant t) {
    return t.toEpochMilli();
  }

  public static ParsedRecord exposure(String eventId, Instant t, long impressions, long reads) {
    return ParsedRecord.of(
        new ContentExposure(
            eventId, t, LINXIA, "c-1", AuthorKind.TRAINEE, "douyin", impressions, reads));
  }

  public static ParsedRecord brandExposure(
      String eventId, Instant t, long impressions, long reads) {
    return ParsedRecord.of(
        new ContentExposure(
            eventId, t, LINXIA, "c-2", AuthorKind.BRAND, "douyin", impressions, reads));
  }

  public static ParsedRecord traineePost(String eventId, Instant t, String contentId) {
    return ParsedRecord.of(
        new ContentPublished(eventId, t, LINXIA, contentId, AuthorKind.TRAINEE, "douyin", "tr-1"));
  }

  public static ParsedRecord order(
      String eventId, Instant t, String orderId, long amount, SalesChannel ch, String session) {
    return ParsedRecord.of(
        new OrderPaid(eventId, t, LINXIA, orderId, "shop-1", "p-1", 1, amount, ch, session));
  }

  public static ParsedRecord refund(String eventId, Instant t, String orderId, long amount) {
    return ParsedRecord.of(new OrderRefunded(eventId, t, LINXIA, orderId, amount));
  }

  public static ParsedRecord training(String eventId, Instant t) {
    return ParsedRecord.of(
        new TrainingAttended(eventId, t, LINXIA, "tr-1", "course-1", TrainingMode.ONLINE));
  }

  public static ParsedRecord household(String eventId, Instant t, String householdId) {
    return ParsedRecord.of(new HouseholdBenefited(eventId, t, LINXIA, householdId));
  }

  public static ParsedRecord liveStarted(String eventId, Instant t, String sessionId) {
    return ParsedRecord.of(
        new LiveStarted(eventId, t, LINXIA, sessionId, "host-1", "douyin", "临夏花椒"));
  }

  public static ParsedRecord liveStats(
      String eventId, Instant t, String sessionId, long online, long newViewers, long likes) {
    return ParsedRecord.of(new LiveStats(eventId, t, LINXIA, sessionId, online, newViewers, likes));
  }

  public static ParsedRecord liveEnded(String eventId, Instant t, String sessionId) {
    return ParsedRecord.of(new LiveEnded(eventId, t, LINXIA, sessionId));
  }
}
