package dev.temperature.application.port.out;

/**
 * Everything a storage adapter provides. Services depend on the narrow ports; adapters implement
 * this one, and the storage contract suite tests it.
 */
public interface ReadingStore
    extends AppendReadings,
        AggregateReadings,
        BucketReadings,
        ListReadings,
        KnownRooms,
        RoomOverviews,
        RollupReadings,
        RebuildRollups,
        ExpireReadings {}
