package dev.tailgate.pipeline.wire;

/** What a scan has counted so far: items, and those whose ids have the wrong length. */
final class ItemCounts {
  int items;
  int invalidIds;
}
