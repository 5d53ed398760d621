import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { readServerEnv, type MeBody } from './server-env.ts';

/**
 * express-session (its default MemoryStore: in-process, nothing serialised to a store) and
 * Passport's session strategy: `req.user` comes from deserializeUser on every request.
 */
const { port, me, secret } = readServerEnv();
type User = Omit<MeBody, 'session'>;
const { session: _times, ...user } = me;
const users = new Map<number, User>([[user.id, user]]);

passport.serializeUser((u, done) => done(null, (u as User).id));
passport.deserializeUser((id: number, done) => done(null, users.get(id) ?? false));

const app = express();
app.use(
  session({
    secret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 7 * 24 * 3600 * 1000 },
  }),
);
app.use(passport.session());

/** Sign-in without a password form: the bench only needs a real session made by Passport. */
app.get('/login', (req, res, next) => {
  req.login(user, (err) => (err ? next(err) : res.redirect('/')));
});

app.get('/api/me', (req, res) => {
  if (!req.user) {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  const u = req.user as User;
  const expires = req.session.cookie.expires ?? new Date();
  res.json({ ...u, session: { createdAt: me.session.createdAt, expiresAt: expires.toISOString() } });
});

app.listen(port);
