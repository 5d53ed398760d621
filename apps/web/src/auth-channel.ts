/**
 * Keeps the tabs of this origin in step: when one tab learns the session has ended (sign-out,
 * or a 401), the others stop showing the signed-in page.
 */
const CHANNEL_NAME = 'github-bff-auth';

export interface AuthChannelMessage {
  type: 'signed-out';
}

export interface AuthChannel {
  announceSignedOut(): void;
  close(): void;
}

function isSignedOutMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === 'signed-out';
}

export function openAuthChannel(onSignedOut: () => void): AuthChannel {
  if (typeof BroadcastChannel === 'undefined') {
    return { announceSignedOut() {}, close() {} };
  }
  const channel = new BroadcastChannel(CHANNEL_NAME);
  channel.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isSignedOutMessage(event.data)) onSignedOut();
  });
  return {
    announceSignedOut() {
      const message: AuthChannelMessage = { type: 'signed-out' };
      channel.postMessage(message);
    },
    close() {
      channel.close();
    },
  };
}
