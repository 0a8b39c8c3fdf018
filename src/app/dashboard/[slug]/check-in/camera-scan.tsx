'use client';

/**
 * Optional scanning with the device's camera: getUserMedia's video, one frame at a time drawn on
 * a canvas and read by jsQR (loaded only when scanning starts). The first QR found is handed to
 * `onCode` and the camera is stopped; the typed field works without any of this. Shown only where
 * the browser offers a camera API (a secure context: https or localhost).
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/ui/button';

export function CameraScan({ onCode }: { onCode: (code: string) => void }) {
  const t = useTranslations('eventsAdmin.checkIn');
  const [supported, setSupported] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const frame = useRef<number | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    setSupported(typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia);
    return () => stop();
  }, []);

  function stop() {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    setScanning(false);
  }

  async function start() {
    setProblem(null);
    try {
      const [{ default: jsQR }, media] = await Promise.all([import('jsqr'), navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })]);
      stream.current = media;
      setScanning(true);
      const el = video.current!;
      el.srcObject = media;
      await el.play();
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const tick = () => {
        if (!stream.current) return;
        if (el.readyState >= el.HAVE_ENOUGH_DATA && el.videoWidth > 0) {
          canvas.width = el.videoWidth;
          canvas.height = el.videoHeight;
          context.drawImage(el, 0, 0, canvas.width, canvas.height);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
          if (found?.data) {
            stop();
            onCodeRef.current(found.data.slice(0, 64));
            return;
          }
        }
        frame.current = requestAnimationFrame(tick);
      };
      frame.current = requestAnimationFrame(tick);
    } catch {
      stop();
      setProblem(t('cameraUnavailable'));
    }
  }

  if (!supported) return null;
  return (
    <div className="mt-4">
      {scanning ? (
        <Button type="button" variant="secondary" onClick={stop}>
          {t('stopScan')}
        </Button>
      ) : (
        <Button type="button" variant="secondary" onClick={() => void start()}>
          {t('scan')}
        </Button>
      )}
      {problem ? <p className="mt-2 text-sm text-red-800">{problem}</p> : null}
      <div hidden={!scanning} className="mt-3">
        <p className="text-sm text-slate-700">{t('scanHint')}</p>
        <video ref={video} aria-label={t('video')} muted playsInline className="mt-2 w-full max-w-md rounded-md bg-slate-900" />
      </div>
    </div>
  );
}
