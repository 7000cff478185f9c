package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a failure is classified, from the SQLSTATEs PostgreSQL's driver reports, wrapped the way JDBI
 * wraps them. The database tests show the same on a real server for 42P01 and a socket timeout.
 */
class PostgresFailuresTest {
  private final PostgresFailures policy = new PostgresFailures();

  @ParameterizedTest
  @CsvSource({
    // state, lost connection, refused statement
    "08006, true, false", //  connection failure (server gone mid-statement)
    "08001, true, false", //  could not connect
    "57P01, true, false", //  admin shutdown
    "57P03, true, false", //  cannot connect now (starting up)
    "53100, false, false", // disk full: unavailable, not worth an immediate retry
    "40001, false, false", // serialization failure
    "57014, false, false", // statement timeout
    "42P01, false, true", //  undefined table
    "42501, false, true", //  insufficient privilege
    "23505, false, true", //  unique violation
    "22008, false, true", //  datetime out of range
    "0A000, false, true" //   feature not supported
  })
  void statesAreReadThroughWhatJdbiWrapsAroundThem(
      String state, boolean lostConnection, boolean refused) {
    Exception failure = new ConnectionException(new SQLException("failure", state));

    assertThat(policy.lostConnection(failure)).isEqualTo(lostConnection);
    assertThat(policy.refusal(failure).isPresent()).isEqualTo(refused);
    assertThat(PostgresFailures.sqlState(failure)).hasValue(state);
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void aConnectionThatTimedOutIsNotLostButSlow(boolean nested) {
    SQLException io = new SQLException("An I/O error occurred", "08006");
    io.initCause(
        nested
            ? new RuntimeException(new SocketTimeoutException("Read timed out"))
            : new SocketTimeoutException("Read timed out"));

    assertThat(policy.lostConnection(new ConnectionException(io))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"true", "false"})
  void aFailureWithoutStateIsNeitherLostNorRefused(boolean wrapped) {
    // The pool's own failures (no connection within maxWaitForConnection) carry no SQLSTATE.
    SQLException exhausted = new SQLException("pool exhausted");
    Exception failure = wrapped ? new ConnectionException(exhausted) : exhausted;

    assertThat(policy.lostConnection(failure)).isFalse();
    assertThat(policy.refusal(failure).isPresent()).isFalse();
    assertThat(PostgresFailures.sqlState(failure)).isEmpty();
  }
}
