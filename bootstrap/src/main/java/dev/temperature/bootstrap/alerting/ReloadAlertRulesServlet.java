package dev.temperature.bootstrap.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.temperature.adapters.http.problem.Problem;
import dev.temperature.application.port.in.ReloadAlertRulesUseCase;
import dev.temperature.application.port.out.InvalidAlertRulesException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /tasks/reload-alert-rules} on the admin port (loopback only, as every task): reads
 * the rules file again. 200 with how many rules are now in force, or 422 problem+json naming the
 * file, rule and field of each error, and the rules loaded before stay in force.
 */
public final class ReloadAlertRulesServlet extends HttpServlet {
  public static final String PATH = "/tasks/reload-alert-rules";
  private static final Logger LOG = LoggerFactory.getLogger(ReloadAlertRulesServlet.class);

  private final transient ReloadAlertRulesUseCase reload;
  private final transient ObjectMapper json;
  private final String source;

  public ReloadAlertRulesServlet(ReloadAlertRulesUseCase reload, String source, ObjectMapper json) {
    this.reload = reload;
    this.source = source;
    this.json = json;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    try {
      int rules = reload.reload().size();
      LOG.info("Alert rules reloaded from {}: {} rules", source, rules);
      response.setStatus(200);
      response.setContentType("text/plain; charset=utf-8");
      response
          .getOutputStream()
          .write(
              ("Loaded " + rules + " alert rules from " + source + "\n")
                  .getBytes(StandardCharsets.UTF_8));
    } catch (InvalidAlertRulesException e) {
      LOG.error(
          "Alert rules not reloaded; the rules loaded before stay in force:\n{}", e.getMessage());
      response.setStatus(422);
      response.setContentType(Problem.MEDIA_TYPE);
      json.writeValue(
          response.getOutputStream(),
          Problem.of(
              422,
              "The alert rules were not reloaded; the rules loaded before stay in force. "
                  + e.getMessage()));
    }
  }
}
