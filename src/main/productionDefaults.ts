// Imported first by every entry point. This is a service, not a dev build: unless NODE_ENV says otherwise,
// libraries run in production mode. React's development build validates every element it renders and made
// email rendering the worker's largest cost (docs/benchmark-log.md, second session); the Dockerfile sets the same.
process.env.NODE_ENV ??= 'production';

export {};
