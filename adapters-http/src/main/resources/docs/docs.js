// Starts Swagger UI on the document this server publishes. A file of its own, not an inline
// script: the page's Content-Security-Policy runs scripts from this origin only.
'use strict';

window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  // The base layout: no top bar that loads other documents, and no online validator badge,
  // which would send the document to validator.swagger.io.
  layout: 'BaseLayout',
  presets: [SwaggerUIBundle.presets.apis],
  validatorUrl: null,
  displayRequestDuration: true,
});
