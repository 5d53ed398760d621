import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { meta, stubBff, unauthenticated } from './test/bff-stub';

describe('demo mode', () => {
  it('shows the demo badge when /api/meta says demo', async () => {
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(true) });
    render(<App />);
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent(
      'Demo mode — signing in with a local GitHub stand-in, not github.com',
    );
  });

  it('shows no badge when not in demo mode', async () => {
    stubBff({ 'GET /api/me': unauthenticated, 'GET /api/meta': meta(false) });
    render(<App />);
    await screen.findByText(/You will sign in on github\.com/);
    expect(screen.queryByTestId('demo-badge')).not.toBeInTheDocument();
  });

  it('shows no badge when /api/meta fails', async () => {
    stubBff({
      'GET /api/me': unauthenticated,
      'GET /api/meta': { status: 503, body: { error: 'session_store_unavailable' } },
    });
    render(<App />);
    await screen.findByRole('button', { name: 'Sign in with GitHub' });
    expect(screen.queryByTestId('demo-badge')).not.toBeInTheDocument();
  });
});
