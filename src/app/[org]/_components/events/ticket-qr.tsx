import QRCode from 'qrcode';

/**
 * A ticket's QR drawn as React elements from the code's module matrix (the qrcode library's
 * `create`, the same encoding and error correction as the API's `qrSvg` and the email's PNG),
 * so the page needs no raw HTML sink (tests/input-limits.test.ts forbids them).
 */
export function TicketQr({ code, label }: { code: string; label: string }) {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const margin = 2;
  const side = modules.size + margin * 2;
  let d = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${side} ${side}`} shapeRendering="crispEdges" className="h-auto w-full">
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
