package dev.tailgate.pipeline.graph;

import dev.tailgate.pipeline.Batch;
import dev.tailgate.pipeline.Consumer;
import dev.tailgate.pipeline.Exporter;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a pipeline: admits each batch to all of its exporters or to none. Room is reserved in
 * every exporter's queue first, so a full queue refuses the batch before any exporter has it and a
 * client's retry never duplicates data at the healthy exporters. Each exporter that takes the batch
 * owns a reference of its own.
 */
final class ExporterFanOut<T> implements Consumer<T> {
  private final List<Exporter<T>> exporters;

  ExporterFanOut(List<Exporter<T>> exporters) {
    this.exporters = List.copyOf(exporters);
  }

  @Override
  public void consume(Batch<T> batch) {
    if (exporters.size() == 1) {
      exporters.get(0).consume(batch);
      return;
    }
    List<Exporter.Reservation> reserved = new ArrayList<>(exporters.size());
    try {
      for (Exporter<T> exporter : exporters) {
        reserved.add(exporter.reserve(batch));
      }
    } catch (RuntimeException refused) {
      reserved.forEach(Exporter.Reservation::cancel);
      throw refused;
    }
    int committed = 0;
    for (int i = 0; i < reserved.size(); i++) {
      batch.retain();
      try {
        reserved.get(i).commit();
        committed++;
      } catch (RuntimeException failed) {
        batch.release();
        // Only an exporter without a queue fails on commit. The ones after it have not got the
        // batch: give their room back, so the caller's retry does not duplicate data there.
        reserved.subList(i + 1, reserved.size()).forEach(Exporter.Reservation::cancel);
        throw failed;
      }
    }
    batch.release();
  }
}
