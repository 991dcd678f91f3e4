package dev.tailgate.pipeline.wire;

/**
 * What a scan of an export request found: its items, and how many of them have malformed ids (which
 * the receiver rejects as a partial success).
 */
public record WireScan(int items, int invalidIds) {}
