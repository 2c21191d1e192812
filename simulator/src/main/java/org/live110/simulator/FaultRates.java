package org.live110.simulator;

/**
 * How often each fault is injected, as a fraction of the clean events of the year.
 *
 * @param duplicate exact duplicates (same bytes, delivered up to 90 campaign minutes later)
 * @param paidTwice of {@code order_paid} events: the same order paid again under a new event id
 * @param outOfOrder clean events delayed by 2–30 campaign minutes
 * @param late clean events delayed by 2–8 campaign hours
 * @param bad bad records (spread over every reject reason), per clean event
 * @param tooLargeBytes size of a {@code too_large} bad record; must exceed the parser's limit
 */
public record FaultRates(
    double duplicate,
    double paidTwice,
    double outOfOrder,
    double late,
    double bad,
    int tooLargeBytes) {

  /** Default size of a too-large record: just over the parser's 64 KiB. */
  public static final int DEFAULT_TOO_LARGE_BYTES = 70_000;

  /** Small default rates: 1% duplicates, 0.2% paid twice, 1% out of order, 0.1% late, 0.2% bad. */
  public static final FaultRates DEFAULT =
      new FaultRates(0.01, 0.002, 0.01, 0.001, 0.002, DEFAULT_TOO_LARGE_BYTES);

  /** No faults at all: every record is a clean event delivered in order. */
  public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0, DEFAULT_TOO_LARGE_BYTES);

  public FaultRates {
    check("duplicate", duplicate);
    check("paidTwice", paidTwice);
    check("outOfOrder", outOfOrder);
    check("late", late);
    check("bad", bad);
    if (outOfOrder + late > 1) {
      throw new IllegalArgumentException("outOfOrder + late must not exceed 1");
    }
    if (tooLargeBytes < 1024 || tooLargeBytes > 4 * 1024 * 1024) {
      throw new IllegalArgumentException("tooLargeBytes must be within 1 KiB..4 MiB");
    }
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " rate must be within 0..1, not " + rate);
    }
  }

  public FaultRates withDuplicate(double v) {
    return new FaultRates(v, paidTwice, outOfOrder, late, bad, tooLargeBytes);
  }

  public FaultRates withPaidTwice(double v) {
    return new FaultRates(duplicate, v, outOfOrder, late, bad, tooLargeBytes);
  }

  public FaultRates withOutOfOrder(double v) {
    return new FaultRates(duplicate, paidTwice, v, late, bad, tooLargeBytes);
  }

  public FaultRates withLate(double v) {
    return new FaultRates(duplicate, paidTwice, outOfOrder, v, bad, tooLargeBytes);
  }

  public FaultRates withBad(double v) {
    return new FaultRates(duplicate, paidTwice, outOfOrder, late, v, tooLargeBytes);
  }

  public FaultRates withTooLargeBytes(int v) {
    return new FaultRates(duplicate, paidTwice, outOfOrder, late, bad, v);
  }
}
