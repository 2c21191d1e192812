package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * The peak input is the year's input with only its event times moved: the same bytes otherwise, the
 * same truth, every valid time inside the peak's window in the original order.
 */
class PeakFeedTest {
  private static final CampaignCalendar CALENDAR = CampaignCalendar.defaultYear();
  private static final Instant START = PeakFeed.DEFAULT_START;
  private static final Duration WINDOW = Duration.ofMillis(12_500);
  private static final PeakFeed.Squeeze SQUEEZE = new PeakFeed.Squeeze(CALENDAR, START, WINDOW);

  private static String order(String time) {
    return "{\"eventId\":\"e-1\",\"type\":\"order_paid\",\"eventTime\":\""
        + time
        + "\",\"countyCode\":\"622921\",\"orderId\":\"o-1\",\"shopId\":\"s-1\","
        + "\"productId\":\"p-1\",\"quantity\":2,\"amountFen\":3990,\"channel\":\"store\"}";
  }

  private static String squeezed(String record) {
    return new String(
        SQUEEZE.record(record.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void movesTheEventTimeIntoTheWindowAndNothingElse() {
    // 2019-07-02 12:00 +08:00 is 182.5 days into the 365-day year: half of the window, 6.25 s.
    String out = squeezed(order("2019-07-02T12:00:00+08:00"));

    assertThat(out).isEqualTo(order("2019-11-11T20:00:06.25+08:00"));
    ParseResult parsed =
        new EventParser(CountyRegistry.sample(), CALENDAR)
            .parse(out.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).isInstanceOf(ParseResult.Accepted.class);
    assertThat(((ParseResult.Accepted) parsed).event().eventTime())
        .isEqualTo(START.plusMillis(6_250));
  }

  @Test
  void mapsTheYearOntoTheWindowInOrder() {
    long yearStart = CALENDAR.start().toEpochMilli();
    long yearEnd = CALENDAR.end().toEpochMilli();
    assertThat(SQUEEZE.at(yearStart)).isEqualTo(START.toEpochMilli());
    assertThat(SQUEEZE.at(yearEnd - 1)).isLessThan(START.plus(WINDOW).toEpochMilli());
    Random rng = new Random(3);
    long[] times = rng.longs(10_000, yearStart, yearEnd).sorted().toArray();
    for (int i = 1; i < times.length; i++) {
      assertThat(SQUEEZE.at(times[i])).isGreaterThanOrEqualTo(SQUEEZE.at(times[i - 1]));
    }
  }

  @Test
  void leavesRecordsWithoutAValidCampaignTimeAlone() {
    for (String record :
        new String[] {
          order("2021-02-04T12:00:00+08:00"), // out_of_campaign: must stay rejected
          order("2019-06-01T20:15:03"), // no offset: unreadable
          order("yesterday"),
          "{\"eventId\":\"e-2\",\"type\":\"order_paid\",\"countyCode\":\"622921\"}",
          "{\"eventTime\":\"2019-06-01T20:15",
        }) {
      assertThat(squeezed(record)).as(record).isEqualTo(record);
    }
  }

  @Test
  void keepsTheOtherBytesOfARecordThatIsNotUtf8() {
    Charset gbk = Charset.forName("GBK");
    String before = "{\"eventId\":\"e-3\",\"type\":\"live_started\",\"eventTime\":\"";
    String after = "\",\"countyCode\":\"622921\",\"title\":\"昭觉苦荞茶直播\"}";
    byte[] in = (before + "2019-01-01T00:00:00+08:00" + after).getBytes(gbk);

    byte[] out = SQUEEZE.record(in);

    assertThat(out).isEqualTo((before + "2019-11-11T20:00:00+08:00" + after).getBytes(gbk));
  }

  @Test
  void aWindowOutsideTheYearOrLongerThanADayIsRefused() {
    assertThatThrownBy(() -> new PeakFeed.Squeeze(CALENDAR, START, Duration.ofHours(25)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most a day");
    assertThatThrownBy(
            () ->
                new PeakFeed.Squeeze(
                    CALENDAR, Instant.parse("2019-12-31T15:59:59Z"), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inside the campaign year");
  }

  @Test
  void theSqueezedYearHasTheYearsTruthInsideTheWindow() {
    CountyRegistry registry = CountyRegistry.sample();
    EventParser parser = new EventParser(registry, CALENDAR);
    SimulatorFeed year = new SimulatorFeed(registry);
    PeakFeed peak = new PeakFeed(year, CALENDAR, START, 2_000);
    ExpectedTotals yearTotals = new ExpectedTotals(parser);
    ExpectedTotals peakTotals = new ExpectedTotals(parser);
    Iterator<FeedRecord> a = year.year(20_000, 11, Topics.DEFAULT);
    Iterator<FeedRecord> b = peak.year(20_000, 11, Topics.DEFAULT);
    long end = START.plus(peak.window(20_000)).toEpochMilli();
    long moved = 0;
    long previousArrival = Long.MIN_VALUE;
    while (a.hasNext()) {
      FeedRecord y = a.next();
      FeedRecord p = b.next();
      assertThat(p.topic()).isEqualTo(y.topic());
      assertThat(p.key()).isEqualTo(y.key());
      assertThat(p.arrivalMillis()).isGreaterThanOrEqualTo(previousArrival);
      previousArrival = p.arrivalMillis();
      yearTotals.add(y.value());
      peakTotals.add(p.value());
      if (parser.parse(p.value()) instanceof ParseResult.Accepted ok) {
        assertThat(ok.event().eventTime().toEpochMilli()).isBetween(START.toEpochMilli(), end - 1);
        moved++;
      }
    }
    assertThat(b.hasNext()).isFalse();
    assertThat(peak.window(20_000)).isEqualTo(Duration.ofSeconds(10));
    assertThat(moved).isGreaterThan(19_000);
    assertThat(peakTotals.freeze()).isEqualTo(yearTotals.freeze());
  }
}
