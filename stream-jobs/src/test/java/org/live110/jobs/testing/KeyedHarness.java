package org.live110.jobs.testing;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A test harness around a keyed process function (String keys), fresh or restored from a snapshot:
 * the restore tests of state written by earlier builds and of operators' memory beside their state
 * all need one.
 */
public final class KeyedHarness {
  private KeyedHarness() {}

  /** Not opened yet: call {@code open()}, or {@code initializeState(..)} first. */
  public static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> of(
      KeyedProcessFunction<String, I, O> function, KeySelector<I, String> keys) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(function), keys, Types.STRING);
  }

  /** Opened: restored from {@code restore}, or fresh when it is null. */
  public static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> opened(
      KeyedProcessFunction<String, I, O> function,
      KeySelector<I, String> keys,
      OperatorSubtaskState restore)
      throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, I, O> h = of(function, keys);
    if (restore != null) {
      h.initializeState(restore);
    }
    h.open();
    return h;
  }
}
