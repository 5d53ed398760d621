const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When the server will end the session if nothing else happens (it moves as you use the app). */
export function SessionExpiry({ expiresAt }: { expiresAt: string }) {
  const date = new Date(expiresAt);
  if (Number.isNaN(date.getTime())) return null;
  return (
    <p className="muted small" data-testid="session-expiry">
      Session ends <time dateTime={expiresAt}>{format.format(date)}</time>
    </p>
  );
}
