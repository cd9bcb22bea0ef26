// GET /v1/openapi.json and the interactive reference at /docs (Swagger UI, served from the npm package:
// nothing is loaded from a CDN).
import express, { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { openApiDocument } from '../openapi';

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>dropship-fulfillment API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="api-reference"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/reference.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#api-reference', deepLinking: true, persistAuthorization: true });`;

/** The OpenAPI document and its reference page. */
export function docsRoutes(): Router {
  const router = Router();
  const document = openApiDocument();
  router.get('/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1h' }));
  router.get('/docs/reference.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  return router;
}
