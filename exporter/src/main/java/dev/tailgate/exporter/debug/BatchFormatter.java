package dev.tailgate.exporter.debug;

import java.util.List;

/** Renders one signal's batch as text at the three verbosities. */
interface BatchFormatter<T> {
  /** One line: the signal and how many resources and items the batch holds. */
  String summary(T batch);

  /** One line per span, metric or log record. */
  List<String> items(T batch);

  /** Everything in the batch, over several lines. */
  String detailed(T batch);
}
