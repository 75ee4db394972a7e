"use client";

import { useState } from "react";
import { baseName } from "../../paths";
import { artifactFileUrl, type ArtifactSource } from "../../source";
import { PreviewNote } from "../preview-frame";

/** An image as `<img>` only (SVG included: an image never runs its scripts), with its pixel size. */
export function ImagePreview({ source, path }: { source: ArtifactSource; path: string }) {
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <div className="flex justify-center bg-[repeating-conic-gradient(var(--muted)_0_25%,transparent_0_50%)] bg-[length:16px_16px] p-4">
        {failed ? (
          <p className="py-8 text-sm text-muted-foreground">The browser could not display this image.</p>
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- artifact bytes from MLTrack's own route, not an optimisable asset
          <img
            src={artifactFileUrl(source, path)}
            alt={baseName(path)}
            className="max-h-[70vh] max-w-full object-contain"
            data-testid="artifact-image"
            onLoad={(event) =>
              setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })
            }
            onError={() => setFailed(true)}
          />
        )}
      </div>
      {natural ? (
        <PreviewNote>
          {natural.width} × {natural.height} px
        </PreviewNote>
      ) : null}
    </>
  );
}
