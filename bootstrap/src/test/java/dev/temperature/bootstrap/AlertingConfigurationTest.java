package dev.temperature.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.application.alerting.AlertingSettings;
import org.junit.jupiter.api.Test;

class AlertingConfigurationTest {
  @Test
  void theEvaluationAsksForABuildingsEveryRoomNotAGetPage() {
    // A page of queries.maxPageSize rooms cost a building of that many rooms a second, empty
    // query per rule window at every tick (docs/alerting.md, "Evaluation").
    AlertingSettings settings = new AlertingConfiguration().settings();

    assertThat(settings.pageSize())
        .isEqualTo(AlertingSettings.ROOMS_PER_QUERY)
        .isGreaterThan(new QueriesConfiguration().getMaxPageSize());
  }
}
