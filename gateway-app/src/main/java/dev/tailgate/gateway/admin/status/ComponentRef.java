package dev.tailgate.gateway.admin.status;

/** A component as the status page lists it: once per kind, id and signal (its items' name). */
record ComponentRef(String kind, String id, String items) {
  static final String RECEIVER = "receiver";
  static final String PROCESSOR = "processor";
  static final String EXPORTER = "exporter";

  /** {@code tail_sampling} for {@code tail_sampling/eu}: the part that names its metrics. */
  String type() {
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }
}
