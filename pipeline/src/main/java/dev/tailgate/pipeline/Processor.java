package dev.tailgate.pipeline;

/**
 * Transforms, filters or regroups batches of one signal and passes them to its next consumer. A
 * processor that changes data makes a new batch ({@link Batch#replacedBy}); one that only looks
 * passes the same batch on. The ownership rules of {@link Consumer} hold on both sides: what the
 * next consumer refuses stays the processor's to keep, retry or release.
 */
public interface Processor<T> extends Consumer<T>, Component {}
