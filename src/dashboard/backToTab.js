// A page the vendor leaves open in a tab goes stale: orders come in and move on while they work elsewhere. The page
// shown says here how it reads itself again, which it does when the vendor comes back to the tab.
let reread = null;

/** Sets what the page shown re-reads when the vendor comes back to the tab; null for a page that does not. */
export function whenBackToTab(rereadPage) {
  reread = rereadPage;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || !reread) return;
  // A re-read that fails (the API unreachable for a moment) leaves the page as it was: the vendor's next step says
  // what went wrong, where it happens.
  reread().catch(() => {});
});
