package org.live110.simulator;

/**
 * One record the simulator produces: where it goes, its key and its exact bytes, plus the campaign
 * time at which it "arrives" (used for pacing; for a late or out-of-order event this is later than
 * its own event time).
 *
 * @param topic the Kafka topic the record belongs to
 * @param key the record key (the county code), or null when the record has none
 * @param value the record value: contract JSON, or raw bytes for a bad record
 * @param pacingMillis campaign time of arrival, epoch milliseconds
 * @param fault what the fault injector did to produce it ({@link Fault#NONE} for a clean event)
 */
public record SimRecord(String topic, String key, byte[] value, long pacingMillis, Fault fault) {}
