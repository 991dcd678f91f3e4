package dev.tailgate.exporter.kafka;

import java.util.List;

/**
 * Splits an export request into parts by record key (a trace id, a resource), each part keeping the
 * resources and scopes of its items. Pure; parts come in the order their keys first appear.
 */
interface Keying<T> {
  List<Keyed<T>> apart(T request);
}
