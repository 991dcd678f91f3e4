package dev.tailgate.exporter.prometheusremotewrite;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code wal}: the Collector's write-ahead log in front of the remote-write client. Accepted and
 * warned: {@code sending_queue.storage} keeps queued batches on disk across restarts here.
 */
public record WalConfig(
    @JsonProperty("directory") String directory,
    @JsonProperty("buffer_size") Integer bufferSize,
    @JsonProperty("truncate_frequency") Duration truncateFrequency,
    @JsonProperty("lag_record_frequency") Duration lagRecordFrequency) {}
