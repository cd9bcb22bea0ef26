// The 17TRACK simulator `npm start` runs when no TRACK17_API_KEY is set: the local fake, plus a clock that
// moves every registered parcel InfoReceived → InTransit → OutForDelivery → Delivered and pushes each step
// to the service's webhook, so the whole flow can be watched in a few minutes.
import type { CarrierStatus } from '../domain/carrierStatus';
import { startTrack17Fake } from './track17Fake';

const STEPS: { status: CarrierStatus; subStatus: string; description: string; location: string }[] = [
  {
    status: 'InfoReceived',
    subStatus: 'InfoReceived',
    description: 'Shipment information received',
    location: 'Shenzhen, CN',
  },
  {
    status: 'InTransit',
    subStatus: 'InTransit_PickedUp',
    description: 'Picked up by the carrier',
    location: 'Shenzhen, CN',
  },
  {
    status: 'InTransit',
    subStatus: 'InTransit_Departure',
    description: 'Departed from the origin country',
    location: 'Guangzhou, CN',
  },
  {
    status: 'OutForDelivery',
    subStatus: 'OutForDelivery_Other',
    description: 'Out for delivery',
    location: 'Local depot',
  },
  { status: 'Delivered', subStatus: 'Delivered_Other', description: 'Delivered', location: 'Front door' },
];

export interface TrackingSimulatorOptions {
  webhookUrl: string;
  apiKey?: string;
  port?: number;
  host?: string;
  /** Time between two steps of a parcel; 40 s by default, so a parcel is delivered in about 3 minutes. */
  stepMs?: number;
}

/** Starts the simulator; its base URL and key configure the service's 17TRACK client. */
export async function startTrackingSimulator(options: TrackingSimulatorOptions) {
  const apiKey = options.apiKey ?? 'local-17track-simulator';
  const fake = await startTrack17Fake({
    apiKey,
    webhookUrl: options.webhookUrl,
    port: options.port,
    host: options.host,
  });
  const stepMs = options.stepMs ?? 40_000;
  const progress = new Map<string, { step: number; nextAt: number }>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const parcel of fake.parcels.values()) {
      if (!parcel.tracking) continue;
      const state = progress.get(parcel.number) ?? { step: 0, nextAt: now + stepMs / 4 };
      progress.set(parcel.number, state);
      if (state.step >= STEPS.length || now < state.nextAt) continue;
      const step = STEPS[state.step]!;
      state.step += 1;
      state.nextAt = now + stepMs;
      fake
        .advance(parcel.number, step.status, {
          subStatus: step.subStatus,
          description: step.description,
          location: step.location,
        })
        .catch(() => {
          // The service may be restarting: fallback polling picks the status up later.
        });
    }
  }, 1000);
  timer.unref();
  return {
    baseUrl: fake.baseUrl,
    apiKey,
    fake,
    async stop() {
      clearInterval(timer);
      await fake.stop();
    },
  };
}
