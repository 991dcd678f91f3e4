package dev.tailgate.processor.redaction;

/** Redacts one signal's export request; returns the same instance when nothing changed. */
interface BatchRedactor<T> {
  T redact(T batch, RedactionCounts counts);
}
