package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.temperature.application.commit.GroupObserver;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupCommitMetricsTest {
  private final MetricRegistry metrics = new MetricRegistry();
  private final GroupCommitMetrics observer = new GroupCommitMetrics(metrics);

  @Test
  void deathsAndRestartsOfTheWriterAreCountedAndScrapedAsCounters() throws Exception {
    observer.writerDied(new IllegalStateException("test"));
    observer.writerDied(new InterruptedException("test"));
    observer.writerRestarted();

    assertThat(metrics.meter("writes.writer.deaths").getCount()).isEqualTo(2);
    assertThat(metrics.meter("writes.writer.restarts").getCount()).isEqualTo(1);
    assertThat(scrape())
        .contains("writes_writer_deaths_total 2.0")
        .contains("writes_writer_restarts_total 1.0");
  }

  @Test
  void aFailedGroupIsCountedAndAStoredOneIsNot() {
    observer.committed(
        new GroupObserver.Group(3, 7, Duration.ofMillis(2), Duration.ofMillis(5), false));
    observer.committed(
        new GroupObserver.Group(1, 1, Duration.ofMillis(1), Duration.ofMillis(1), true));

    assertThat(metrics.meter("writes.groups.failed").getCount()).isEqualTo(1);
    assertThat(metrics.histogram("writes.groups.readings").getSnapshot().getMax()).isEqualTo(7);
    assertThat(metrics.timer("writes.groups.commit").getCount()).isEqualTo(2);
  }

  private String scrape() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    DropwizardExports.builder().dropwizardRegistry(metrics).register(registry);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
