export function DemoBadge() {
  return (
    <p className="demo-badge" data-testid="demo-badge">
      <strong>Demo mode</strong> — signing in with a local GitHub stand-in, not github.com
    </p>
  );
}
