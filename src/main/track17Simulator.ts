// `npm run track17:simulator`: the 17TRACK simulator on its own (docker-compose runs it as a service).
import { startTrackingSimulator } from '../tracking/trackingSimulator';

const webhookUrl = process.argv[2] ?? 'http://api:3000/v1/webhooks/17track';
startTrackingSimulator({ webhookUrl })
  .then((simulator) => console.log(`17TRACK simulator at ${simulator.baseUrl} (key ${simulator.apiKey}), pushing to ${webhookUrl}`))
  .catch((error: unknown) => {
    console.error('17TRACK simulator failed to start', error);
    process.exit(1);
  });
