/**
 * Next proxy (formerly middleware) for pages only — /api/* never reaches Next. A visitor with
 * no session cookie who opens a dashboard deep link goes to sign-in and comes back to exactly
 * that page. (A present but invalid cookie is caught by the dashboard layout itself.)
 */
import { type NextRequest, NextResponse } from 'next/server';

const SESSION_COOKIES = ['bookline.session_token', '__Secure-bookline.session_token'];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = `${url.pathname}${url.search}`;
  url.pathname = '/sign-in';
  url.search = `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ['/dashboard/:path*'] };
