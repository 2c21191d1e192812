package org.live110.bench;

/**
 * One input record to put on the campaign topics: as the simulator produces it.
 *
 * @param topic the input topic (by event type; bad records on a fixed topic)
 * @param key the county code, or null for a producer that sends no key
 * @param value the contract JSON bytes (or the raw bytes of a bad record)
 * @param arrivalMillis campaign time (epoch ms) at which the record arrives in the simulated year
 */
public record FeedRecord(String topic, byte[] key, byte[] value, long arrivalMillis) {}
