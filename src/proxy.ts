/**
 * Next proxy (formerly middleware) for pages only — /api/* never reaches Next.
 * 1. Every page gets a Content-Security-Policy with a fresh nonce. Next reads the nonce from
 *    the CSP *request* header and puts it on its own scripts, so the policy goes on the
 *    request (for rendering) and on the response (for the browser). Pages render per request
 *    (the root layout reads the locale cookie), which a nonce requires.
 * 2. A visitor with no session cookie who opens a dashboard deep link goes to sign-in and
 *    comes back to exactly that page. (A present but invalid cookie is caught by the
 *    dashboard layout itself.)
 * 3. `?lang=es` (any supported language) links a language: this page renders in it and the
 *    switcher's cookie is set, so the visitor's next pages follow.
 * 4. The page's path goes to the layout (`x-bookline-path`) for its hreflang alternates.
 * The other security headers are set by the node:http server on every answer (src/server.ts).
 */
import { type NextRequest, NextResponse } from 'next/server';
import { env } from '@/lib/env';
import { newNonce, pageCsp } from '@/lib/security-headers';
import { isLocale, LOCALE_COOKIE, PATH_HEADER } from '@/i18n/locales';

const SESSION_COOKIES = ['bookline.session_token', '__Secure-bookline.session_token'];
const CSP = 'Content-Security-Policy';
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;


export function proxy(request: NextRequest) {
  const e = env();
  const csp = pageCsp({ nonce: newNonce(), dev: e.NODE_ENV === 'development', https: e.BASE_URL.startsWith('https://') });

  const { pathname } = request.nextUrl;
  const dashboard = pathname === '/dashboard' || pathname.startsWith('/dashboard/');
  if (dashboard && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    const next = `${url.pathname}${url.search}`;
    url.pathname = '/sign-in';
    url.search = `?next=${encodeURIComponent(next)}`;
    const redirect = NextResponse.redirect(url);
    redirect.headers.set(CSP, csp);
    return redirect;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(CSP, csp);
  requestHeaders.set(PATH_HEADER, pathname);
  const lang = request.nextUrl.searchParams.get('lang');
  const linked = isLocale(lang) ? lang : null;
  if (linked) {
    const others = (request.headers.get('cookie') ?? '')
      .split(';')
      .map((c) => c.trim())
      .filter((c) => c && !c.startsWith(`${LOCALE_COOKIE}=`));
    requestHeaders.set('cookie', [...others, `${LOCALE_COOKIE}=${linked}`].join('; '));
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(CSP, csp);
  if (linked) {
    response.cookies.set(LOCALE_COOKIE, linked, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'lax', secure: e.BASE_URL.startsWith('https://') });
  }
  return response;
}

export const config = {
  // Everything but build output and the icon (no HTML there: the server's nonce-less policy
  // applies). /api is listed because Next never sees it; the pattern only keeps it explicit.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg).*)'],
};
