// The vendor dashboard (PRODUCT §7): static files, no build step, talking to the JSON API with the vendor's
// token. Served by the API process at /dashboard.
import { join } from 'node:path';
import express, { Router } from 'express';

const DASHBOARD_DIR = join(__dirname, '..', '..', 'dashboard');

/** The dashboard's files: one page, which routes on the hash (`/dashboard#/orders/<id>`, as the emails link it). */
export function dashboardRoutes(): Router {
  const router = Router();
  router.use('/dashboard', (_req, res, next) => {
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use('/dashboard', express.static(DASHBOARD_DIR, { index: 'index.html', maxAge: 0 }));
  return router;
}
