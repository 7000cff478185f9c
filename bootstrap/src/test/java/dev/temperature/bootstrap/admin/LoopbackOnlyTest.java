package dev.temperature.bootstrap.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackOnlyTest {
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]"})
  void loopbackAddressesAreThisHost(String address) {
    assertThat(LoopbackOnly.isLoopback(address)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"203.0.113.7", "10.0.0.1", "0.0.0.0", "::", "fe80::1", "localhost", "cafe"})
  void everythingElseIsAnotherHost(String address) {
    assertThat(LoopbackOnly.isLoopback(address)).isFalse();
  }
}
