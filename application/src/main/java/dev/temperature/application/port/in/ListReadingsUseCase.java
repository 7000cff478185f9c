package dev.temperature.application.port.in;

/** The raw readings of a room, page by page. */
public interface ListReadingsUseCase {
  ReadingPage readings(ReadingsQuery query);
}
