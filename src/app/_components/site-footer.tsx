export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600 sm:px-6">
        Bookline is open-source software (MIT licence), self-hostable on your own server.
      </div>
    </footer>
  );
}
