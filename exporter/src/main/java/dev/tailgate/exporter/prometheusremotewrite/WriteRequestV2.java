package dev.tailgate.exporter.prometheusremotewrite;

import com.google.protobuf.CodedOutputStream;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Exemplar;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Histogram;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Label;
import dev.tailgate.exporter.prometheusremotewrite.prompb.MetricMetadata;
import dev.tailgate.exporter.prometheusremotewrite.prompb.Sample;
import dev.tailgate.exporter.prometheusremotewrite.prompb.TimeSeries;
import dev.tailgate.exporter.prometheusremotewrite.prompb.WriteRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A remote write 1.0 request re-encoded as remote write 2.0's {@code
 * io.prometheus.write.v2.Request} (field numbers from the 2.0 spec): every label name and value is
 * interned once in {@code symbols} (which starts with {@code ""}) and series refer to them by
 * index. Samples and native histograms keep the 1.0 wire form, which 2.0 took over field for field;
 * a series holding both is sent as two, as 2.0 asks. Each series carries the metadata (type, help,
 * unit) of its metric.
 */
final class WriteRequestV2 {
  static final int REQUEST_SYMBOLS = 4;
  static final int REQUEST_TIMESERIES = 5;
  static final int SERIES_LABELS_REFS = 1;
  static final int SERIES_SAMPLES = 2;
  static final int SERIES_HISTOGRAMS = 3;
  static final int SERIES_EXEMPLARS = 4;
  static final int EXEMPLAR_LABELS_REFS = 1;
  static final int EXEMPLAR_VALUE = 2;
  static final int EXEMPLAR_TIMESTAMP = 3;
  static final int SERIES_METADATA = 5;
  static final int METADATA_TYPE = 1;
  static final int METADATA_HELP_REF = 3;
  static final int METADATA_UNIT_REF = 4;

  private final Map<String, Integer> symbols = new LinkedHashMap<>();
  private final Map<List<Label>, MetricMetadata> metadata;

  private WriteRequestV2(Map<List<Label>, MetricMetadata> metadata) {
    this.metadata = metadata;
    symbols.put("", 0);
  }

  static byte[] encode(WriteRequest request, Map<List<Label>, MetricMetadata> metadata) {
    return new WriteRequestV2(metadata).request(request);
  }

  private byte[] request(WriteRequest request) {
    List<byte[]> series = new ArrayList<>();
    for (TimeSeries ts : request.getTimeseriesList()) {
      if (ts.getSamplesCount() > 0 || ts.getHistogramsCount() == 0) {
        series.add(series(ts.getLabelsList(), ts.getSamplesList(), List.of(), ts));
      }
      if (ts.getHistogramsCount() > 0) {
        series.add(series(ts.getLabelsList(), List.of(), ts.getHistogramsList(), ts));
      }
    }
    return write(
        out -> {
          for (String symbol : symbols.keySet()) {
            out.writeString(REQUEST_SYMBOLS, symbol);
          }
          for (byte[] s : series) {
            out.writeByteArray(REQUEST_TIMESERIES, s);
          }
        });
  }

  private byte[] series(
      List<Label> labels, List<Sample> samples, List<Histogram> histograms, TimeSeries source) {
    byte[] labelRefs = refs(labels);
    byte[] described = metadata(metadata.get(labels));
    // Exemplars go with the float samples, or with the histograms when there are no samples.
    boolean exemplarsHere = !samples.isEmpty() || source.getSamplesCount() == 0;
    List<byte[]> exemplars = new ArrayList<>();
    if (exemplarsHere) {
      for (Exemplar exemplar : source.getExemplarsList()) {
        exemplars.add(exemplar(exemplar));
      }
    }
    return write(
        out -> {
          out.writeByteArray(SERIES_LABELS_REFS, labelRefs);
          for (Sample sample : samples) {
            out.writeMessage(SERIES_SAMPLES, sample);
          }
          for (Histogram histogram : histograms) {
            out.writeMessage(SERIES_HISTOGRAMS, histogram);
          }
          for (byte[] exemplar : exemplars) {
            out.writeByteArray(SERIES_EXEMPLARS, exemplar);
          }
          if (described.length > 0) {
            out.writeByteArray(SERIES_METADATA, described);
          }
        });
  }

  private byte[] metadata(MetricMetadata metric) {
    if (metric == null) {
      return new byte[0];
    }
    // Prometheus's 1.0 metric types and 2.0's carry the same numbers.
    int type = metric.getTypeValue();
    int help = symbol(metric.getHelp());
    int unit = symbol(metric.getUnit());
    return write(
        out -> {
          out.writeEnum(METADATA_TYPE, type);
          out.writeUInt32(METADATA_HELP_REF, help);
          out.writeUInt32(METADATA_UNIT_REF, unit);
        });
  }

  private byte[] exemplar(Exemplar exemplar) {
    byte[] labelRefs = refs(exemplar.getLabelsList());
    return write(
        out -> {
          if (labelRefs.length > 0) {
            out.writeByteArray(EXEMPLAR_LABELS_REFS, labelRefs);
          }
          out.writeDouble(EXEMPLAR_VALUE, exemplar.getValue());
          out.writeInt64(EXEMPLAR_TIMESTAMP, exemplar.getTimestamp());
        });
  }

  /** Name and value references of each label, packed as repeated uint32 are on the wire. */
  private byte[] refs(List<Label> labels) {
    return write(
        out -> {
          for (Label label : labels) {
            out.writeUInt32NoTag(symbol(label.getName()));
            out.writeUInt32NoTag(symbol(label.getValue()));
          }
        });
  }

  private int symbol(String text) {
    return symbols.computeIfAbsent(text, t -> symbols.size());
  }

  private interface Body {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      body.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a remote write 2.0 request in memory", e);
    }
    return bytes.toByteArray();
  }
}
