// `npm run track17:simulator -- [webhookUrl] [port]`: the 17TRACK simulator on its own (docker-compose runs
// it as a service, listening on all interfaces of its container).
import { startTrackingSimulator } from '../tracking/trackingSimulator';

const webhookUrl = process.argv[2] ?? 'http://localhost:3000/v1/webhooks/17track';
const port = Number(process.argv[3] ?? 4017);
startTrackingSimulator({ webhookUrl, port, host: '0.0.0.0' })
  .then((simulator) =>
    console.log(`17TRACK simulator at ${simulator.baseUrl} (key ${simulator.apiKey}), pushing to ${webhookUrl}`),
  )
  .catch((error: unknown) => {
    console.error('17TRACK simulator failed to start', error);
    process.exit(1);
  });
