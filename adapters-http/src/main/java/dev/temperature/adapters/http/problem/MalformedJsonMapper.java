package dev.temperature.adapters.http.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A body that is not the JSON we expect. Replaces Dropwizard's mapper, which answers in its own
 * {@code {code, message}} format; Jackson's messages are rewritten because they name Java classes.
 */
@Provider
public final class MalformedJsonMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException exception) {
    if (exception instanceof UnrecognizedPropertyException unknown) {
      String accepted =
          unknown.getKnownPropertyIds() == null
              ? ""
              : "; accepted fields: "
                  + unknown.getKnownPropertyIds().stream()
                      .map(Object::toString)
                      .sorted()
                      .collect(Collectors.joining(", "));
      return Problem.invalidRequest(
              List.of(
                  FieldError.inBody(
                      path(unknown),
                      "unknown field '" + unknown.getPropertyName() + "'" + accepted)))
          .toResponse();
    }
    String where =
        exception.getLocation() == null
            ? ""
            : " (line "
                + exception.getLocation().getLineNr()
                + ", column "
                + exception.getLocation().getColumnNr()
                + ")";
    String detail =
        exception instanceof StreamReadException
            ? "the body is not valid JSON"
                + where
                + ": "
                + firstLine(exception.getOriginalMessage())
            : "the body must be a JSON object with the documented fields" + where;
    return new Problem(Problem.MALFORMED_JSON, "Malformed JSON body", 400, detail, List.of())
        .toResponse();
  }

  private static String path(JsonMappingException exception) {
    return exception.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unexpected content";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
