package dev.temperature.adapters.http.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a body that Jackson cannot read is answered, without a server: the exceptions are Jackson's
 * own, from reading the bodies below.
 */
class MalformedJsonMapperTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Reading(
      @JsonProperty("temperature") double temperature, @JsonProperty("room") Room room) {}

  record Room(@JsonProperty("id") String id, @JsonProperty("floor") int floor) {}

  record Batch(@JsonProperty("readings") List<Reading> readings) {}

  @Test
  void anUnknownFieldIsNamedWithItsPathAndTheFieldsAccepted() {
    Problem problem =
        answer("{\"readings\":[{\"temperature\":1},{\"room\":{\"wing\":\"a\"}}]}", Batch.class);

    assertThat(problem.type()).isEqualTo(Problem.INVALID_REQUEST);
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.errors())
        .containsExactly(
            FieldError.inBody(
                "readings[1].room.wing", "unknown field 'wing'; accepted fields: floor, id"));
  }

  @Test
  void anUnknownFieldWithoutKnownFieldsIsNamedAlone() {
    UnrecognizedPropertyException unknown =
        new UnrecognizedPropertyException(
            null, "Unrecognized field", null, Room.class, "wing", null);

    Problem problem = problem(new MalformedJsonMapper().toResponse(unknown));

    assertThat(problem.errors()).containsExactly(FieldError.inBody("", "unknown field 'wing'"));
  }

  @Test
  void aBodyThatIsNotJsonSaysWhereAndOnlyTheFirstLineOfWhy() {
    Problem problem = answer("{\n  \"temperature\": 10.5,\n  oops}", Reading.class);

    assertThat(problem.type()).isEqualTo(Problem.MALFORMED_JSON);
    assertThat(problem.title()).isEqualTo("Malformed JSON body");
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail())
        .startsWith("the body is not valid JSON (line 3, column 3): Unexpected character ('o'")
        .doesNotContain("\n");
  }

  @Test
  void aBodyOfTheWrongShapeIsRefusedWithoutNamingJavaTypes() {
    Problem problem = answer("{\"temperature\": \"warm\"}", Reading.class);

    assertThat(problem.type()).isEqualTo(Problem.MALFORMED_JSON);
    assertThat(problem.detail())
        .isEqualTo("the body must be a JSON object with the documented fields (line 1, column 17)");
  }

  @Test
  void anExceptionWithoutLocationOrMessageStillSaysWhat() {
    Problem problem =
        problem(
            new MalformedJsonMapper()
                .toResponse(
                    new com.fasterxml.jackson.core.JsonParseException(null, (String) null)));

    assertThat(problem.detail()).isEqualTo("the body is not valid JSON: unexpected content");
    assertThat(
            problem(new MalformedJsonMapper().toResponse(new JsonProcessingException("odd") {}))
                .detail())
        .isEqualTo("the body must be a JSON object with the documented fields");
  }

  private static Problem answer(String body, Class<?> type) {
    JsonProcessingException failure =
        catchThrowableOfType(JsonProcessingException.class, () -> JSON.readValue(body, type));
    assertThat(failure).as("Jackson refuses %s", body).isNotNull();
    return problem(new MalformedJsonMapper().toResponse(failure));
  }

  private static Problem problem(Response response) {
    assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
    return (Problem) response.getEntity();
  }
}
