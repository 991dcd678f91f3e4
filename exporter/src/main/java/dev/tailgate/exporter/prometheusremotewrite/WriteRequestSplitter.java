package dev.tailgate.exporter.prometheusremotewrite;

import com.google.protobuf.CodedOutputStream;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts series into write requests of at most {@code max_batch_size_bytes} before compression, whole
 * series each (a series larger than the limit goes alone), so receivers with a request size limit
 * take them.
 */
final class WriteRequestSplitter {
  private final int maxBytes;

  WriteRequestSplitter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  List<WriteRequest> split(List<TimeSeries> series) {
    List<WriteRequest> requests = new ArrayList<>();
    WriteRequest.Builder current = WriteRequest.newBuilder();
    long size = 0;
    for (TimeSeries ts : series) {
      int tsSize = CodedOutputStream.computeMessageSize(WriteRequest.TIMESERIES_FIELD_NUMBER, ts);
      if (current.getTimeseriesCount() > 0 && size + tsSize > maxBytes) {
        requests.add(current.build());
        current = WriteRequest.newBuilder();
        size = 0;
      }
      current.addTimeseries(ts);
      size += tsSize;
    }
    if (current.getTimeseriesCount() > 0) {
      requests.add(current.build());
    }
    return requests;
  }
}
