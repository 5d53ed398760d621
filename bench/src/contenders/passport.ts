import { signInByLoginRoute, type Contender } from './contender.ts';
import { startServerProgram } from './server-program.ts';

/** Express 5 + express-session (default MemoryStore) + Passport 0.7 session strategy, `req.user`. */
export function startPassport(meBody: unknown): Promise<Contender> {
  return startServerProgram({
    key: 'passport',
    label: 'express-session + Passport',
    notes:
      'Express 5, express-session with its default **MemoryStore** (in-process, the fastest store it has), ' +
      'Passport 0.7 `passport.session()`; `GET /api/me` answers `req.user` + session times. Session minted by `req.login()`.',
    program: 'passport',
    meBody,
    readyPath: '/login',
    path: '/api/me',
    signIn: signInByLoginRoute,
  });
}
