package org.live110.jobs.testing;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.live110.jobs.JobSinks;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;

/** The job's four sinks as collecting sinks, plus readers that decode what was written. */
public final class CollectingSinks implements JobSinks {
  public final CollectingSink<KeyedValue> progress = new CollectingSink<>();
  public final CollectingSink<KeyedValue> series = new CollectingSink<>();
  public final CollectingSink<KeyedValue> sessions = new CollectingSink<>();
  public final CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();

  @Override
  public Sink<KeyedValue> progress() {
    return progress;
  }

  @Override
  public Sink<KeyedValue> series() {
    return series;
  }

  @Override
  public Sink<KeyedValue> sessions() {
    return sessions;
  }

  @Override
  public Sink<DeadLetter> deadLetters() {
    return deadLetters;
  }

  /** The last snapshot written per scope (the progress sink runs at parallelism 1: in order). */
  public Map<String, ScopeSnapshot> lastSnapshots() {
    Map<String, ScopeSnapshot> last = new LinkedHashMap<>();
    for (KeyedValue v : progress.values()) {
      if (!v.key.equals(DeadLetterSummary.KEY)) {
        last.put(v.key, OutputJson.read(v.value, ScopeSnapshot.class));
      }
    }
    return last;
  }

  /** What a dashboard keeps per scope: each snapshot replaces the held one if it supersedes it. */
  public Map<String, ScopeSnapshot> supersedingSnapshots() {
    Map<String, ScopeSnapshot> kept = new HashMap<>();
    for (KeyedValue v : progress.values()) {
      if (!v.key.equals(DeadLetterSummary.KEY)) {
        ScopeSnapshot s = OutputJson.read(v.value, ScopeSnapshot.class);
        if (s.supersedes(kept.get(v.key))) {
          kept.put(v.key, s);
        }
      }
    }
    return kept;
  }

  public List<ScopeSnapshot> allSnapshots() {
    return progress.values().stream()
        .filter(v -> !v.key.equals(DeadLetterSummary.KEY))
        .map(v -> OutputJson.read(v.value, ScopeSnapshot.class))
        .toList();
  }

  public DeadLetterSummary deadLetterSummary() {
    DeadLetterSummary kept = null;
    for (KeyedValue v : progress.values()) {
      if (v.key.equals(DeadLetterSummary.KEY)) {
        DeadLetterSummary s = OutputJson.read(v.value, DeadLetterSummary.class);
        if (s.supersedes(kept)) {
          kept = s;
        }
      }
    }
    return kept;
  }

  /**
   * The last bucket written per {@link MinuteBucket#key()} (a scope's records reach the sink in
   * order).
   */
  public Map<String, MinuteBucket> buckets() {
    Map<String, MinuteBucket> kept = new HashMap<>();
    for (KeyedValue v : series.values()) {
      for (MinuteBucket b : OutputJson.readBuckets(v.value)) {
        kept.put(b.key(), b);
      }
    }
    return kept;
  }

  /** The last state written per session. */
  public Map<String, LiveSession> sessionsById() {
    Map<String, LiveSession> kept = new HashMap<>();
    for (KeyedValue v : sessions.values()) {
      kept.put(v.key, OutputJson.read(v.value, LiveSession.class));
    }
    return kept;
  }

  public void clear() {
    progress.clear();
    series.clear();
    sessions.clear();
    deadLetters.clear();
  }
}
