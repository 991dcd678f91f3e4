package dev.tailgate.pipeline;

/** Brings data into the gateway and hands it to the pipelines' consumers. */
public interface Receiver extends Component {}
