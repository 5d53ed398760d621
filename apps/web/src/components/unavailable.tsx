interface UnavailableProps {
  /** Seconds, from the BFF's Retry-After. */
  retryAfter: number | undefined;
  onRetry: () => void;
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function Unavailable({ retryAfter, onRetry }: UnavailableProps) {
  return (
    <section className="card" aria-labelledby="unavailable-heading">
      <h1 id="unavailable-heading">Sign-in is unavailable right now</h1>
      <p>
        We could not check whether you are signed in.{' '}
        {retryAfter === undefined || retryAfter === 0
          ? 'Please try again in a moment.'
          : `Please try again in about ${describeWait(retryAfter)}.`}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}
