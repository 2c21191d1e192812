package org.live110.model.codec;

/**
 * Why an input record was rejected. The codes are stable: they key the dead-letter counts of the
 * API ({@code deadLetters.byReason}), the dead-letter headers and the metrics.
 */
public enum RejectReason {
  /** Not a single JSON object: broken syntax, {@code null}, an array, trailing data, too deep. */
  MALFORMED_JSON("malformed_json"),
  /** The bytes are not valid UTF-8. */
  BAD_ENCODING("bad_encoding"),
  /** Larger than the parser's limit (a valid event is well under a kilobyte). */
  TOO_LARGE("too_large"),
  /** A required field is absent or {@code null}. */
  MISSING_FIELD("missing_field"),
  /**
   * A field has the wrong JSON type or is out of range (negative money, 12.5 where an integer
   * belongs, a time without offset...).
   */
  BAD_VALUE("bad_value"),
  /** {@code type} is not one of the contract's event types. */
  UNKNOWN_TYPE("unknown_type"),
  /** {@code countyCode} is 6 digits but not a county of the registry. */
  UNKNOWN_COUNTY("unknown_county"),
  /** {@code eventTime} lies outside the campaign year. */
  OUT_OF_CAMPAIGN("out_of_campaign");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  /** The stable code, e.g. {@code unknown_county}. */
  public String code() {
    return code;
  }

  public static RejectReason byCode(String code) {
    for (RejectReason r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reject reason " + code);
  }
}
