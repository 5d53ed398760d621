import { useEffect, useState } from 'react';

/** Most answers arrive faster than this: showing nothing until then avoids a flash. */
const SKELETON_DELAY_MS = 200;

export function Loading() {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), SKELETON_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);

  return (
    <div className="card loading" role="status" data-testid="loading">
      {visible ? (
        <>
          <span className="skeleton skeleton-avatar" />
          <span className="skeleton skeleton-line" />
          <span className="visually-hidden">Checking whether you are signed in…</span>
        </>
      ) : null}
    </div>
  );
}
