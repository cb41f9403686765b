/** The service worker: registered on the built site only; says when a new deployment is ready. */
class ServiceWorkerState {
  updateReady = $state(false);
  /** True once the app's files are cached, so it opens with the network off. */
  offlineReady = $state(false);
  #waiting: ServiceWorker | null = null;
  #updating = false;

  async register(): Promise<void> {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const sw = navigator.serviceWorker;
    let registration: ServiceWorkerRegistration;
    try {
      registration = await sw.register('./sw.js', { scope: './' });
    } catch (error) {
      // No service worker (a file:// page, a browser policy): the app still works online.
      console.warn('The service worker could not be registered:', error);
      return;
    }
    const offer = (worker: ServiceWorker) => {
      // An installed worker while another controls the page is a new deployment.
      if (!sw.controller) return;
      this.#waiting = worker;
      this.updateReady = true;
    };
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    });
    sw.addEventListener('controllerchange', () => {
      if (this.#updating) location.reload();
    });
    void sw.ready.then(() => (this.offlineReady = true));
  }

  /** Activates the downloaded version; the page reloads once it controls it. */
  applyUpdate(): void {
    if (!this.#waiting) return;
    this.#updating = true;
    this.#waiting.postMessage({ type: 'SKIP_WAITING' });
  }
}

export const swState = new ServiceWorkerState();
