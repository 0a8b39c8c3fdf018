import Link from 'next/link';
import { Alert } from '@/ui/alert';

/**
 * A dashboard page the member's role may not open: the page's heading, why, and the way back
 * to the overview. The words are the page's own (each page says what it is and who may use it).
 */
export function ForbiddenNotice({
  slug,
  heading,
  title,
  body,
  backLabel,
  width = 'max-w-4xl',
}: {
  slug: string;
  heading: string;
  title: string;
  body: string;
  backLabel: string;
  width?: 'max-w-3xl' | 'max-w-4xl';
}) {
  return (
    <div className={`mx-auto ${width}`}>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{heading}</h1>
      <Alert tone="warning" title={title} className="mt-6">
        <p>{body}</p>
        <p className="mt-2">
          <Link href={`/dashboard/${slug}`} className="font-medium underline">
            {backLabel}
          </Link>
        </p>
      </Alert>
    </div>
  );
}
