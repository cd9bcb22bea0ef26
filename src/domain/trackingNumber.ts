// Tracking numbers as the vendor types them and as 17TRACK knows them. Pure: the workflow compares them too.

/** Tracking numbers are 5-50 letters and digits (17TRACK.md); spaces and dashes are typing noise. */
export function normalizeTrackingNumber(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}
