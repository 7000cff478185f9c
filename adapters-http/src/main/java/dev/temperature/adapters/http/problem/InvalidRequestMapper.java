package dev.temperature.adapters.http.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request whose fields the resource checked and found wanting: 400 with every bad field. */
@Provider
public final class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {
  @Override
  public Response toResponse(InvalidRequestException exception) {
    return Problem.invalidRequest(exception.errors()).toResponse();
  }
}
