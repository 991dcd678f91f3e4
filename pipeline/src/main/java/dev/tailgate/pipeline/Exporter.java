package dev.tailgate.pipeline;

/**
 * Sends batches of one signal out of the gateway. One instance serves every pipeline of its signal
 * that names it, so it is called from many threads at once.
 */
public interface Exporter<T> extends Consumer<T>, Component {

  /**
   * Reserves room for {@code batch} so that a fan-out can admit a batch to all its exporters or to
   * none: without this, a refusal by one exporter would make the client retry and duplicate the
   * data at the others. Throws {@link RetryableException} when there is no room. Exporters without
   * a queue send synchronously on commit.
   */
  default Reservation reserve(Batch<T> batch) {
    return () -> consume(batch);
  }

  /**
   * Room for one batch in an exporter. Exactly one of commit or cancel is called; commit takes
   * ownership of the batch as {@link Consumer#consume} does.
   */
  interface Reservation {
    void commit();

    default void cancel() {}
  }
}
