package dev.temperature.adapters.timescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.temperature.application.port.out.ReadingStore;
import dev.temperature.domain.BuildingId;
import dev.temperature.domain.RoomId;
import dev.temperature.domain.RoomOverview;
import dev.temperature.domain.Window;
import dev.temperature.testing.RequiresService;
import dev.temperature.testing.Service;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rows that another tool wrote straight into the table, with ids this API refuses: on PostgreSQL
 * they are left out of the listings and the overview, which would otherwise answer 400 for a value
 * the caller never sent, and a page whose rooms they were among is filled up with the next ones.
 */
@RequiresService(Service.POSTGRES)
class ForeignIdsTest {
  private static final Instant AT = Instant.parse("2024-12-10T16:45:00Z");
  private static final Window AROUND = new Window(AT.minusSeconds(60), AT.plusSeconds(60));

  @Test
  void rowsWhoseIdsAnotherToolWroteAreLeftOutOfListingsAndOverviewPages() throws Exception {
    try (TestDatabase database = TestDatabase.require("POSTGRES_URL")) {
      ReadingStore store = database.store();
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      BuildingId building = new BuildingId("foreign-" + suffix);
      String foreignBuilding = "foreign building " + suffix;
      String[][] rows = {
        {building.value(), "r1"},
        {building.value(), "r1 x"},
        {building.value(), "r1\ny"},
        {building.value(), "r2"},
        {building.value(), "r3"},
        {foreignBuilding, "r1"}
      };
      try (Connection connection = database.connect()) {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO readings (building_id, room_id, recorded_at, temperature)"
                    + " VALUES (?, ?, ?, 20.0)")) {
          for (String[] row : rows) {
            insert.setString(1, row[0]);
            insert.setString(2, row[1]);
            insert.setTimestamp(3, Timestamp.from(AT));
            insert.executeUpdate();
          }
        }
        try {
          List<RoomId> valid = List.of(new RoomId("r1"), new RoomId("r2"), new RoomId("r3"));

          assertThat(store.buildings()).contains(building).allMatch(id -> id != null);
          assertThat(store.rooms(building)).isEqualTo(valid);
          // A page of three that only left the two out would hold one room and say it is the last.
          assertThat(store.overview(building, AROUND, Optional.empty(), 3))
              .extracting(RoomOverview::room)
              .isEqualTo(valid);
          assertThat(store.overview(building, AROUND, Optional.of(new RoomId("r1")), 1))
              .extracting(RoomOverview::room)
              .containsExactly(new RoomId("r2"));
        } finally {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM readings WHERE building_id IN (?, ?)")) {
            delete.setString(1, building.value());
            delete.setString(2, foreignBuilding);
            delete.executeUpdate();
          }
        }
      }
    }
  }
}
