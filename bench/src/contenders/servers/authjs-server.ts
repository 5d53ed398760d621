import { ExpressAuth } from '@auth/express';
import Credentials from '@auth/express/providers/credentials';
import express from 'express';
import { readServerEnv } from './server-env.ts';

/**
 * Auth.js as its Express guide sets it up, with its default session strategy (an encrypted JWT
 * in the cookie, no database). The session cookie is minted by Auth.js itself through a
 * Credentials sign-in; `GET /auth/session` is its "who am I".
 */
const { port, me, secret } = readServerEnv();

const app = express();
app.set('trust proxy', true);
app.use(
  '/auth',
  ExpressAuth({
    secret,
    trustHost: true,
    providers: [
      Credentials({
        credentials: { username: {} },
        authorize: async (credentials) =>
          credentials.username === me.login
            ? { id: String(me.id), name: me.name, email: me.email, image: me.avatarUrl }
            : null,
      }),
    ],
    callbacks: {
      // The same fields as the product's /api/me, carried in the token.
      jwt({ token, user }) {
        if (user) token.login = me.login;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? '', login: String(token.login) } };
      },
    },
  }),
);

app.listen(port);
