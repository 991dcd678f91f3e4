package dev.tailgate.exporter.kafka;

import dev.tailgate.pipeline.Batch;
import java.util.List;

/**
 * Splits a batch into parts by record key (a trace id, a resource), each part keeping the resources
 * and scopes of its items. Parts come in the order their keys first appear; a keying reads the
 * batch's bytes or its parsed request, whichever it needs, and never changes the batch.
 */
interface Keying<T> {
  List<Keyed<T>> apart(Batch<T> batch);
}
