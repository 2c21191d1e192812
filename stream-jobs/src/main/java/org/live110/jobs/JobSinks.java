package org.live110.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;

/**
 * Where the job's output goes: Kafka topics in production ({@link
 * org.live110.jobs.io.KafkaJobIo#sinks}), collecting sinks in tests.
 *
 * <p>progress: {@code ScopeSnapshot} and {@code DeadLetterSummary} JSON keyed by scope (compacted
 * topic); series: {@code MinuteBucket} JSON keyed by {@code scope@minute}; sessions: {@code
 * LiveSession} JSON keyed by session id; deadLetters: the rejected records.
 */
public interface JobSinks {
  Sink<KeyedValue> progress();

  Sink<KeyedValue> series();

  Sink<KeyedValue> sessions();

  Sink<DeadLetter> deadLetters();
}
