package dev.temperature.adapters.influx;

import com.codahale.metrics.health.HealthCheck;

/** Healthy while InfluxDB answers its ping. */
final class InfluxHealthCheck extends HealthCheck {
  private final InfluxConnection connection;

  InfluxHealthCheck(InfluxConnection connection) {
    this.connection = connection;
  }

  @Override
  protected Result check() {
    return connection.reachable()
        ? Result.healthy()
        : Result.unhealthy("InfluxDB does not answer its ping");
  }
}
