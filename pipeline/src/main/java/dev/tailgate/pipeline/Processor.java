package dev.tailgate.pipeline;

/** Transforms, filters or regroups batches of one signal and passes them to its next consumer. */
public interface Processor<T> extends Consumer<T>, Component {}
