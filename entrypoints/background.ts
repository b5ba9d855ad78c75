import { defineBackground } from 'wxt/utils/define-background';

// The overlay needs no background work: everything happens in the page, and nothing is
// sent anywhere. The service worker exists so the extension has an id tools can find.
export default defineBackground(() => {});
