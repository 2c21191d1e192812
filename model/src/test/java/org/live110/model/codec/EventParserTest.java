package org.live110.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.live110.model.TestRegistries;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.SalesChannel;
import org.live110.model.plan.CampaignCalendar;

class EventParserTest {
  private static final EventParser PARSER =
      new EventParser(TestRegistries.examples(), CampaignCalendar.defaultYear());

  /** The reason each line of the contract's invalid.jsonl must get, in file order. */
  private static final List<RejectReason> INVALID_EXAMPLE_REASONS =
      List.of(
          RejectReason.BAD_VALUE, // amountFen -5
          RejectReason.UNKNOWN_COUNTY, // 999999
          RejectReason.UNKNOWN_TYPE, // teleport
          RejectReason.BAD_VALUE, // "not a time"
          RejectReason.OUT_OF_CAMPAIGN, // 2018-12-31T23:59:59+08:00
          RejectReason.MISSING_FIELD, // trainee post without traineeId
          RejectReason.BAD_VALUE, // amountFen 12.5
          RejectReason.MISSING_FIELD, // no eventId
          RejectReason.BAD_VALUE, // impressions "many"
          RejectReason.MALFORMED_JSON, // {not json at all
          RejectReason.BAD_ENCODING); // FF FE bytes

  @Test
  void acceptsEveryValidExampleOfTheContract() throws IOException {
    List<byte[]> lines = lines("valid.jsonl");
    assertThat(lines).hasSize(11);
    for (byte[] line : lines) {
      assertThat(PARSER.parse(line))
          .as(new String(line, StandardCharsets.UTF_8))
          .isInstanceOf(ParseResult.Accepted.class);
    }
  }

  @Test
  void rejectsEveryInvalidExampleWithItsReason() throws IOException {
    List<byte[]> lines = lines("invalid.jsonl");
    assertThat(lines).hasSize(INVALID_EXAMPLE_REASONS.size());
    for (int i = 0; i < lines.size(); i++) {
      assertThat(reasonOf(lines.get(i)))
          .as("invalid.jsonl line %d", i + 1)
          .isEqualTo(INVALID_EXAMPLE_REASONS.get(i));
    }
  }

  @Test
  void readsEveryFieldOfAPaidOrder() throws IOException {
    CampaignEvent e = accepted(lines("valid.jsonl").get(7));
    assertThat(e)
        .isEqualTo(
            new OrderPaid(
                "or-0003",
                Instant.parse("2019-06-18T12:03:11Z"),
                "513431",
                "o-1001",
                "shop-3",
                "p-3-2",
                2,
                7980,
                SalesChannel.LIVESTREAM,
                "s-5"));
  }

  @Test
  void keepsChineseTextAndFractionalSeconds() throws IOException {
    LiveStarted live = (LiveStarted) accepted(lines("valid.jsonl").get(2));
    assertThat(live.title()).isEqualTo("大凉山苦荞直播");
    assertThat(accepted(lines("valid.jsonl").get(1)).eventTime())
        .isEqualTo(Instant.parse("2019-03-02T01:05:00.250Z"));
  }

  @Test
  void writerOutputParsesBackToTheSameEvent() throws IOException {
    for (byte[] line : lines("valid.jsonl")) {
      CampaignEvent e = accepted(line);
      assertThat(accepted(EventWriter.toJson(e))).isEqualTo(e);
    }
  }

  @Test
  void ignoresUnknownFieldsWhateverTheirShape() {
    CampaignEvent e =
        accepted(
            refund(
                "\"extra\":{\"a\":[1,2,{\"b\":null}]},\"v\":2.5,\"flag\":true,\"amountFen\":100"));
    assertThat(e).isEqualTo(refundOf(100));
  }

  @Test
  void aNullFieldCountsAsMissing() {
    assertThat(reasonOf(refund("\"amountFen\":null"))).isEqualTo(RejectReason.MISSING_FIELD);
  }

  @ParameterizedTest(name = "amountFen {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "100|ACCEPTED",
        "1|ACCEPTED",
        "0|BAD_VALUE",
        "12.0|BAD_VALUE",
        "1e3|BAD_VALUE",
        "true|BAD_VALUE",
        "\"100\"|BAD_VALUE",
        "[100]|BAD_VALUE",
        "99999999999999999999999|BAD_VALUE",
        "9223372036854775807|ACCEPTED"
      })
  void moneyMustBeAPositiveJsonInteger(String amount, String expected) {
    byte[] json = refund("\"amountFen\":" + amount);
    if (expected.equals("ACCEPTED")) {
      assertThat(((OrderRefunded) accepted(json)).amountFen()).isEqualTo(Long.parseLong(amount));
    } else {
      assertThat(reasonOf(json)).isEqualTo(RejectReason.valueOf(expected));
    }
  }

  @Test
  void idsMustHave1To128Characters() {
    String id128 = "x".repeat(128);
    assertThat(accepted(event(id128, "2019-05-01T10:00:00+08:00", "\"amountFen\":5")).eventId())
        .isEqualTo(id128);
    assertThat(reasonOf(event("x".repeat(129), "2019-05-01T10:00:00+08:00", "\"amountFen\":5")))
        .isEqualTo(RejectReason.BAD_VALUE);
    assertThat(reasonOf(event("", "2019-05-01T10:00:00+08:00", "\"amountFen\":5")))
        .isEqualTo(RejectReason.BAD_VALUE);
  }

  @ParameterizedTest(name = "eventTime {0} -> {1}")
  @CsvSource({
    "2019-05-01T10:00:00+08:00, ACCEPTED",
    "2019-05-01T02:00:00Z, ACCEPTED",
    "2019-05-01T10:00:00.123456+08:00, ACCEPTED",
    "2019-05-01T10:00:00, BAD_VALUE",
    "2019-05-01, BAD_VALUE",
    "'', BAD_VALUE",
    "2019-01-01T00:00:00+08:00, ACCEPTED",
    "2018-12-31T15:59:59.999Z, OUT_OF_CAMPAIGN",
    "2019-12-31T23:59:59.999+08:00, ACCEPTED",
    "2020-01-01T00:00:00+08:00, OUT_OF_CAMPAIGN",
    "2019-12-31T23:30:00-01:00, OUT_OF_CAMPAIGN"
  })
  void eventTimeNeedsAnOffsetAndTheCampaignYear(String time, String expected) {
    byte[] json = event("t-1", time, "\"amountFen\":5");
    if (expected.equals("ACCEPTED")) {
      assertThat(accepted(json).eventTime())
          .isEqualTo(java.time.OffsetDateTime.parse(time).toInstant());
    } else {
      assertThat(reasonOf(json)).isEqualTo(RejectReason.valueOf(expected));
    }
  }

  @Test
  void rejectsWhatIsNotOneJsonObject() {
    for (String text :
        List.of("null", "[]", "[{\"eventId\":\"a\"}]", "42", "\"text\"", "", "   ", "{}{}")) {
      byte[] json = text.getBytes(StandardCharsets.UTF_8);
      RejectReason reason = reasonOf(json);
      assertThat(reason)
          .as("'%s'", text)
          .isIn(RejectReason.MALFORMED_JSON, RejectReason.MISSING_FIELD);
    }
    assertThat(reasonOf("{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(reasonOf("null".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(reasonOf("[]".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(reasonOf(null)).isEqualTo(RejectReason.MALFORMED_JSON);
    assertThat(reasonOf(refund("\"amountFen\":5} trailing")))
        .isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void aRepeatedKeyIsMalformedBecauseEitherValueCouldCount() {
    assertThat(reasonOf(refund("\"amountFen\":5,\"amountFen\":500000")))
        .isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void deepNestingIsRejectedWithoutBlowingTheStack() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThat(reasonOf(refund("\"amountFen\":5,\"junk\":" + deep)))
        .isEqualTo(RejectReason.MALFORMED_JSON);
  }

  @Test
  void nonUtf8BytesInsideAStringAreABadEncoding() {
    byte[] good = refund("\"amountFen\":5,\"note\":\"AB\"");
    byte[] bad = good.clone();
    String text = new String(good, StandardCharsets.UTF_8);
    int at = text.indexOf("AB");
    bad[at] = (byte) 0xC3; // a lead byte followed by 'B': invalid
    assertThat(reasonOf(bad)).isEqualTo(RejectReason.BAD_ENCODING);
    // a lone surrogate encoded in UTF-8 (CESU) is not UTF-8 either
    bad[at] = (byte) 0xED;
    assertThat(reasonOf(bad)).isEqualTo(RejectReason.BAD_ENCODING);
  }

  @Test
  void recordsOverTheLimitAreTooLarge() {
    EventParser small =
        new EventParser(TestRegistries.examples(), CampaignCalendar.defaultYear(), 200);
    byte[] json = refund("\"amountFen\":5,\"pad\":\"" + "x".repeat(300) + "\"");
    assertThat(((ParseResult.Rejected) small.parse(json)).reason())
        .isEqualTo(RejectReason.TOO_LARGE);
    assertThat(((ParseResult.Rejected) small.parse(json)).detail())
        .contains(json.length + " bytes");
  }

  @Test
  void countyCodeMustBeSixDigitsOfTheRegistry() {
    assertThat(reasonOf(withCounty("62292"))).isEqualTo(RejectReason.BAD_VALUE);
    assertThat(reasonOf(withCounty("62292a"))).isEqualTo(RejectReason.BAD_VALUE);
    assertThat(reasonOf(withCounty("110101"))).isEqualTo(RejectReason.UNKNOWN_COUNTY);
  }

  @Test
  void traineeIdIsRequiredOnlyForTraineePosts() {
    String base =
        "{\"eventId\":\"p1\",\"type\":\"content_published\",\"eventTime\":\"2019-03-02T09:00:00+08:00\","
            + "\"countyCode\":\"622921\",\"contentId\":\"c-1\",\"platform\":\"douyin\",\"authorKind\":";
    ContentPublished brand =
        (ContentPublished) accepted((base + "\"brand\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(brand.authorKind()).isEqualTo(AuthorKind.BRAND);
    assertThat(brand.traineeId()).isNull();
    assertThat(reasonOf((base + "\"trainee\"}").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(reasonOf((base + "\"robot\"}").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(RejectReason.BAD_VALUE);
  }

  @Test
  void parserSurvivesJavaSerialization() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(PARSER);
    }
    EventParser copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (EventParser) in.readObject();
    }
    assertThat(((ParseResult.Accepted) copy.parse(refund("\"amountFen\":7"))).event())
        .isEqualTo(refundOf(7));
  }

  private static OrderRefunded refundOf(long amount) {
    return new OrderRefunded(
        "r-1", Instant.parse("2019-06-20T00:00:00Z"), "513431", "o-1001", amount);
  }

  private static byte[] refund(String tail) {
    return ("{\"eventId\":\"r-1\",\"type\":\"order_refunded\",\"eventTime\":\"2019-06-20T08:00:00+08:00\","
            + "\"countyCode\":\"513431\",\"orderId\":\"o-1001\","
            + tail
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] event(String id, String time, String tail) {
    return ("{\"eventId\":\""
            + id
            + "\",\"type\":\"order_refunded\",\"eventTime\":\""
            + time
            + "\",\"countyCode\":\"513431\",\"orderId\":\"o-1\","
            + tail
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withCounty(String code) {
    return ("{\"eventId\":\"h\",\"type\":\"household_benefited\",\"eventTime\":\"2019-07-01T00:00:00+08:00\","
            + "\"countyCode\":\""
            + code
            + "\",\"householdId\":\"hh-1\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static CampaignEvent accepted(byte[] json) {
    ParseResult r = PARSER.parse(json);
    assertThat(r)
        .as(json == null ? "null" : new String(json, StandardCharsets.UTF_8))
        .isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) r).event();
  }

  private static RejectReason reasonOf(byte[] json) {
    ParseResult r = PARSER.parse(json);
    assertThat(r).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) r).reason();
  }

  /** The lines of a contract example file, as raw bytes (one line may be invalid UTF-8). */
  static List<byte[]> lines(String name) throws IOException {
    try (InputStream in =
        EventParserTest.class.getResourceAsStream("/org/live110/model/contract/" + name)) {
      byte[] all = in.readAllBytes();
      List<byte[]> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= all.length; i++) {
        if (i == all.length || all[i] == '\n') {
          if (i > start) {
            out.add(java.util.Arrays.copyOfRange(all, start, i));
          }
          start = i + 1;
        }
      }
      return out;
    }
  }
}
