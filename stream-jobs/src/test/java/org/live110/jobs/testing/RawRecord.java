package org.live110.jobs.testing;

import java.io.Serializable;

/** One input record as Kafka would deliver it: its coordinates and value bytes. */
public record RawRecord(String topic, int partition, long offset, byte[] value)
    implements Serializable {}
