package dev.tailgate.exporter.elasticsearch;

/** A document the backend refused for good, with the item status and the backend's reason. */
record DeadLetter(Document document, int status, String reason) {}
